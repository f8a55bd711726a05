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
    /// <returns>The alarms raised (empty when every signal had already alarmed).</returns>
    public Task<DeskResult<IReadOnlyList<AlarmView>>> RaiseOutbreakAlarmsAsync(IReadOnlyList<OutbreakSignal> signals, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signals);
        return Enqueue(RaiseOutbreakAlarmsWork(signals), cancellationToken);
    }

    private static Func<DeskContext, ValueTask<DeskResult<IReadOnlyList<AlarmView>>>> RaiseOutbreakAlarmsWork(IReadOnlyList<OutbreakSignal> signals) =>
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

            return DeskResult<IReadOnlyList<AlarmView>>.Ok(raised);
        };

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
