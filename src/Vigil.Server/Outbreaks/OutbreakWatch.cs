using Microsoft.Extensions.Options;
using Vigil.Domain.Alarms;
using Vigil.Domain.Geo;
using Vigil.Platform.Contracts;
using Vigil.Platform.Operations;
using Vigil.Platform.Ports;
using Vigil.Server.Configuration;

namespace Vigil.Server.Outbreaks;

/// <summary>
/// Turns newly reported health counts into outbreak alarms. After an upload is stored, each affected series (and only
/// those) is read back and run through its configured method; a period of this upload that lies among the series'
/// latest periods and exceeds its bound becomes a signal, placed at the district's centre, and goes to the operations
/// desk (on whichever node holds it), which raises at most one alarm per series and period. A series with an open
/// alarm whose latest periods are all back within the bound (<see cref="OutbreakWatchOptions.ClearAfterDays"/> or
/// weeks of them) is reported quiet in the same command, and the desk clears that alarm: the excess is over.
/// </summary>
public sealed class OutbreakWatch(
    ICountSeriesStore store, ICityMapStore maps, IDeskCommandChannel desk, IOperationsStore operations, IOptions<OutbreakWatchOptions> options)
{
    /// <summary>More open outbreak alarms than any city's analysts could work through.</summary>
    private const int MaxOpenAlarms = 10_000;

    private readonly OutbreakWatchOptions _options = options.Value;

    /// <summary>The signals among <paramref name="uploaded"/> (already stored), without raising anything.</summary>
    public async Task<List<OutbreakSignal>> FindSignalsAsync(IReadOnlyList<CountObservation> uploaded, CancellationToken cancellationToken) =>
        (await FindAsync(uploaded, cancellationToken).ConfigureAwait(false)).Signals;

    /// <summary>The signals among <paramref name="uploaded"/>, and the series with an open alarm whose excess is over.</summary>
    public async Task<(List<OutbreakSignal> Signals, List<OutbreakQuiet> Quiet)> FindAsync(IReadOnlyList<CountObservation> uploaded, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uploaded);
        var signals = new List<OutbreakSignal>();
        var quiet = new List<OutbreakQuiet>();
        if (!_options.Enabled || uploaded.Count == 0)
        {
            return (signals, quiet);
        }

        var open = await OpenAlarmStartsAsync(cancellationToken).ConfigureAwait(false);

        var affected = new Dictionary<CountSeriesKey, HashSet<DateOnly>>();
        foreach (var c in uploaded)
        {
            var key = new CountSeriesKey(c.Syndrome, c.District, c.Period);
            if (!affected.TryGetValue(key, out var periods))
            {
                affected[key] = periods = [];
            }

            periods.Add(c.Start);
        }

        CityLayers? layers = null;
        var layersLoaded = false;
        foreach (var (series, periods) in affected)
        {
            var counts = await store.ReadAsync(series, cancellationToken).ConfigureAwait(false);
            var method = _options.MethodFor(series);
            foreach (var s in OutbreakScan.Run(counts, method, _options.RecentFor(series.Period)))
            {
                if (!periods.Contains(s.Start))
                {
                    continue;
                }

                if (!layersLoaded)
                {
                    layers = await maps.LoadAsync(cancellationToken).ConfigureAwait(false);
                    layersLoaded = true;
                }

                var evidence = new OutbreakEvidence(s.Syndrome, s.District, s.Period.ToString(), s.Start, s.Method, s.Observed, s.Expected, s.UpperBound);

                // Without a base map there is nowhere better to put it than 0,0; the console lists it all the same.
                signals.Add(new OutbreakSignal(evidence, (DistrictCentre.Find(layers, s.District) ?? new GeoPoint(0, 0)).ToView()));
            }

            // Only series with an open alarm are checked, so quiet uploads cost nothing more and send the desk nothing.
            var period = series.Period.ToString();
            if (open.TryGetValue((series.Syndrome, series.District, period), out var earliest))
            {
                var clearAfter = _options.ClearAfter(series.Period);
                if (OutbreakScan.QuietSince(counts, method, clearAfter) is { } since && earliest < since)
                {
                    quiet.Add(new OutbreakQuiet(series.Syndrome, series.District, period, since, clearAfter));
                }
            }
        }

        return (signals, quiet);
    }

    /// <summary>Per series, the earliest period among its open outbreak alarms.</summary>
    private async Task<Dictionary<(string Syndrome, string District, string Period), DateOnly>> OpenAlarmStartsAsync(CancellationToken cancellationToken)
    {
        var open = new Dictionary<(string, string, string), DateOnly>();
        var alarms = await operations.ListAlarmsAsync(new AlarmQuery(Category: AlarmCategory.PublicHealth, OpenOnly: true, Limit: MaxOpenAlarms), cancellationToken).ConfigureAwait(false);
        foreach (var alarm in alarms)
        {
            if (alarm.Outbreak is { } e)
            {
                var key = (e.Syndrome, e.District, e.Period);
                open[key] = open.TryGetValue(key, out var start) && start < e.Start ? start : e.Start;
            }
        }

        return open;
    }

    /// <summary>
    /// Finds the signals among <paramref name="uploaded"/> and raises an alarm for each series and period not yet
    /// alarmed; clears the open alarms of series whose excess is over.
    /// </summary>
    /// <param name="actor">Who uploaded the counts; the desk's command carries it like an operator's.</param>
    /// <returns>The desk's reply: the alarms raised (Active), then those cleared (Cleared).</returns>
    public async Task<DeskReply> EvaluateAsync(IReadOnlyList<CountObservation> uploaded, string actor, CancellationToken cancellationToken)
    {
        var (signals, quiet) = await FindAsync(uploaded, cancellationToken).ConfigureAwait(false);
        if (signals.Count == 0 && quiet.Count == 0)
        {
            return new DeskReply(DeskFailure.None, null, Alarms: []);
        }

        return await desk.SendAsync(DeskCommand.RaiseOutbreakAlarms(signals, actor, quiet), cancellationToken).ConfigureAwait(false);
    }
}
