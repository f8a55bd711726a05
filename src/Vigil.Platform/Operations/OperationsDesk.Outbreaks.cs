using System.Globalization;
using Vigil.Domain.Alarms;
using Vigil.Platform.Contracts;

namespace Vigil.Platform.Operations;

public sealed partial class OperationsDesk
{
    /// <summary>
    /// Outbreak signals from the health-count watch become alarms for the analysts, one per series and period: a signal
    /// whose series and period already alarmed (open, acknowledged or cleared) is skipped, so re-uploading the same
    /// counts raises nothing new. They open no incident: a statistical excess is for an analyst to judge, not a dispatch.
    /// </summary>
    /// <param name="quiet">
    /// Series whose excess is over: their open alarms for periods before the quiet run clear themselves, as a device
    /// alarm clears when its reading is back to normal, whether or not an analyst acknowledged them.
    /// </param>
    /// <returns>The alarms raised (state Active), then those cleared; empty when nothing changed.</returns>
    public Task<DeskResult<IReadOnlyList<AlarmView>>> RaiseOutbreakAlarmsAsync(IReadOnlyList<OutbreakSignal> signals, CancellationToken cancellationToken, IReadOnlyList<OutbreakQuiet>? quiet = null)
    {
        ArgumentNullException.ThrowIfNull(signals);
        return Enqueue(RaiseOutbreakAlarmsWork(signals, quiet ?? []), cancellationToken);
    }

    private static Func<DeskContext, ValueTask<DeskResult<IReadOnlyList<AlarmView>>>> RaiseOutbreakAlarmsWork(IReadOnlyList<OutbreakSignal> signals, IReadOnlyList<OutbreakQuiet> quiet) =>
        async ctx =>
        {
            var raised = new List<AlarmView>();
            foreach (var signal in signals)
            {
                var evidence = signal.Evidence;
                if (await ctx.SourceAlarmedAsync(evidence.SourceKey()).ConfigureAwait(false))
                {
                    continue;
                }

                var alarm = new Alarm
                {
                    Id = ++ctx.LastAlarmId,
                    RuleId = "outbreak:" + evidence.Method,
                    DeviceId = null,
                    Quantity = evidence.Syndrome,
                    Category = AlarmCategory.PublicHealth,

                    // Minor, not higher: a count above a statistical bound is a lead for an analyst; escalation raises
                    // it if nobody looks.
                    Severity = Severity.Minor,
                    Location = signal.Location.ToPoint(),
                    Explanation = Explain(evidence),
                    IncidentType = null,
                    RaisedAt = ctx.Now,
                    Outbreak = evidence,
                };
                ctx.OpenAlarms[alarm.Id] = alarm;
                ctx.OpenAlarmsBySource[evidence.SourceKey()] = alarm;
                raised.Add(ctx.Save(alarm, "alarm.raised", "system", "alarm.raise", null));
            }

            ClearQuiet(ctx, quiet, raised);
            return DeskResult<IReadOnlyList<AlarmView>>.Ok(raised);
        };

    private static void ClearQuiet(DeskContext ctx, IReadOnlyList<OutbreakQuiet> quiet, List<AlarmView> changed)
    {
        if (quiet.Count == 0)
        {
            return;
        }

        List<(Alarm Alarm, OutbreakQuiet Quiet)>? over = null;
        foreach (var alarm in ctx.OpenAlarms.Values)
        {
            if (alarm.Outbreak is not { } e)
            {
                continue;
            }

            foreach (var q in quiet)
            {
                // Only periods before the quiet run: a new excess inside it (a late report) is not over.
                if (e.Start < q.Since && e.Syndrome == q.Syndrome && e.District == q.District && e.Period == q.Period)
                {
                    (over ??= []).Add((alarm, q));
                    break;
                }
            }
        }

        if (over is null)
        {
            return;
        }

        foreach (var (alarm, q) in over)
        {
            var e = alarm.Outbreak!;
            var before = alarm.ToView();
            alarm.Clear(ctx.Now);
            var unit = e.Period == "Week" ? "weeks" : "days";
            alarm.Explanation = alarm.Explanation with
            {
                Observed = alarm.Explanation.Observed + string.Create(CultureInfo.InvariantCulture,
                    $"; excess over: {q.Periods} {unit} within the bound from {q.Since:yyyy-MM-dd}"),
            };
            ctx.Forget(alarm);
            changed.Add(ctx.Save(alarm, "alarm.cleared", "system", "alarm.clear", before));
        }
    }

    private static AlarmExplanation Explain(OutbreakEvidence e)
    {
        var period = e.Period == "Week" ? "the week of " : string.Empty;
        var day = e.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var bound = e.UpperBound.ToString("0.#", CultureInfo.InvariantCulture);
        var expected = e.Expected is { } x ? $"; {x.ToString("0.#", CultureInfo.InvariantCulture)} expected" : string.Empty;
        return new AlarmExplanation(
            $"at most {bound} {e.Syndrome} cases in {e.District} for {period}{day} ({e.Method}{expected})",
            $"{e.Observed} {e.Syndrome} cases in {e.District} for {period}{day}",
            e.Observed,
            ExpectedHigh: e.UpperBound);
    }
}
