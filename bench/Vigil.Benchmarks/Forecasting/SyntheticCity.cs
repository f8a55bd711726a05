using Vigil.Forecasting.Data;

namespace Vigil.Benchmarks.Forecasting;

/// <summary>
/// A Portland-sized synthetic incident history (65,000 ft square, three years) drawn from a space-time Hawkes process
/// by its branching representation, so the fit has real triggering to find. Seeded: every run sees the same events.
/// </summary>
internal static class SyntheticCity
{
    public const double Days = 1095;
    public const double Size = 65_000;

    public static IncidentSet Generate(int events, int seed = 42)
    {
        const double theta = 0.3;
        var rng = new Random(seed);
        var hotspots = 200;
        var cx = new double[hotspots];
        var cy = new double[hotspots];
        for (var h = 0; h < hotspots; h++)
        {
            cx[h] = Size * (0.05 + (0.9 * rng.NextDouble()));
            cy[h] = Size * (0.05 + (0.9 * rng.NextDouble()));
        }

        var xs = new List<double>(events + 1000);
        var ys = new List<double>(events + 1000);
        var ts = new List<double>(events + 1000);
        var background = (int)(events * (1 - theta));
        for (var i = 0; i < background; i++)
        {
            var h = rng.Next(hotspots);
            xs.Add(cx[h] + (1500 * Normal(rng)));
            ys.Add(cy[h] + (1500 * Normal(rng)));
            ts.Add(rng.NextDouble() * Days);
        }

        for (var p = 0; p < xs.Count && xs.Count < events; p++)
        {
            if (rng.NextDouble() >= theta)
            {
                continue;
            }

            var t = ts[p] + (-Math.Log(1 - rng.NextDouble()) * 10);
            if (t < Days)
            {
                xs.Add(xs[p] + (200 * Normal(rng)));
                ys.Add(ys[p] + (200 * Normal(rng)));
                ts.Add(t);
            }
        }

        return new IncidentSet([.. xs], [.. ys], [.. ts], new int[xs.Count], ["SYNTHETIC"]);
    }

    private static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
