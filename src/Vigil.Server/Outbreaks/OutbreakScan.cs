using Vigil.Alerting.Outbreak;
using Vigil.Platform.Contracts;

namespace Vigil.Server.Outbreaks;

/// <summary>Runs one detection method over a stored count series and returns the recent periods that raise an alarm.</summary>
public static class OutbreakScan
{
    public static readonly string[] Methods = ["ears-c1", "ears-c2", "ears-c3", "farrington"];

    /// <summary>
    /// The method a series gets when none is asked for: EARS C2 for daily counts (CDC's usual choice for short daily
    /// series), the improved Farrington method for weekly counts (it needs years of weeks to model seasonality).
    /// </summary>
    public static string DefaultMethod(CountPeriod period) => period == CountPeriod.Week ? "farrington" : "ears-c2";

    /// <param name="counts">One series, in time order.</param>
    /// <param name="recent">How many of the latest periods to report alarms for.</param>
    public static List<OutbreakSignalView> Run(IReadOnlyList<CountObservation> counts, string method, int recent)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var signals = new List<OutbreakSignalView>();
        if (counts.Count == 0)
        {
            return signals;
        }

        var (points, length, step) = Detect(counts, method, recent);
        var first = counts[0];
        foreach (var p in points)
        {
            if (p.Alarm && p.Index >= length - recent)
            {
                signals.Add(new OutbreakSignalView(first.Syndrome, first.District, first.Period, first.Start.AddDays(p.Index * step), method, (int)p.Observed, p.UpperBound,
                    double.IsNaN(p.Expected) ? null : p.Expected));
            }
        }

        return signals;
    }

    /// <summary>
    /// Whether the series' latest <paramref name="periods"/> periods were all reported and all within their method's
    /// bound: the excess of any earlier period is then over. Null when not (a period above its bound, one not
    /// reported, or one the method has too little history to bound breaks the run); otherwise the first of those
    /// periods.
    /// </summary>
    public static DateOnly? QuietSince(IReadOnlyList<CountObservation> counts, string method, int periods)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentOutOfRangeException.ThrowIfLessThan(periods, 1);
        if (counts.Count < periods)
        {
            return null;
        }

        var (points, length, step) = Detect(counts, method, periods);
        var within = 0;
        for (var i = points.Count - 1; i >= 0 && within < periods; i--)
        {
            var p = points[i];
            if (p.Index != length - 1 - within || p.Alarm || !p.HasBound || double.IsNaN(p.Observed))
            {
                return null;
            }

            within++;
        }

        return within == periods ? counts[0].Start.AddDays((length - periods) * step) : null;
    }

    private static (List<OutbreakPoint> Points, int Length, int Step) Detect(IReadOnlyList<CountObservation> counts, string method, int recent)
    {
        // A dense series from the first to the last period; a period nobody reported is missing (NaN), not zero.
        var first = counts[0];
        var step = first.Period == CountPeriod.Week ? 7 : 1;
        var length = ((counts[^1].Start.DayNumber - first.Start.DayNumber) / step) + 1;
        var observed = new double[length];
        Array.Fill(observed, double.NaN);
        foreach (var c in counts)
        {
            observed[(c.Start.DayNumber - first.Start.DayNumber) / step] = c.Count;
        }

        var points = method switch
        {
            "ears-c1" => Ears.Detect(observed, EarsMethod.C1),
            "ears-c2" => Ears.Detect(observed, EarsMethod.C2),
            "ears-c3" => Ears.Detect(observed, EarsMethod.C3),
            "farrington" => Farrington.Detect(observed, new FarringtonOptions { Frequency = 52 }, from: Math.Max(0, length - recent)),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown outbreak detection method."),
        };
        return (points, length, step);
    }
}
