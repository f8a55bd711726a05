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
/// desk (on whichever node holds it), which raises at most one alarm per series and period.
/// </summary>
public sealed class OutbreakWatch(ICountSeriesStore store, ICityMapStore maps, IDeskCommandChannel desk, IOptions<OutbreakWatchOptions> options)
{
    private readonly OutbreakWatchOptions _options = options.Value;

    /// <summary>The signals among <paramref name="uploaded"/> (already stored), without raising anything.</summary>
    public async Task<List<OutbreakSignal>> FindSignalsAsync(IReadOnlyList<CountObservation> uploaded, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uploaded);
        var signals = new List<OutbreakSignal>();
        if (!_options.Enabled || uploaded.Count == 0)
        {
            return signals;
        }

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
        }

        return signals;
    }

    /// <summary>Finds the signals among <paramref name="uploaded"/> and raises an alarm for each series and period not yet alarmed.</summary>
    /// <param name="actor">Who uploaded the counts; the desk's command carries it like an operator's.</param>
    public async Task<DeskReply> EvaluateAsync(IReadOnlyList<CountObservation> uploaded, string actor, CancellationToken cancellationToken)
    {
        var signals = await FindSignalsAsync(uploaded, cancellationToken).ConfigureAwait(false);
        if (signals.Count == 0)
        {
            return new DeskReply(DeskFailure.None, null, Alarms: []);
        }

        return await desk.SendAsync(DeskCommand.RaiseOutbreakAlarms(signals, actor), cancellationToken).ConfigureAwait(false);
    }
}
