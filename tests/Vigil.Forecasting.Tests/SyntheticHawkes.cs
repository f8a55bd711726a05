using Vigil.Forecasting.Data;

namespace Vigil.Forecasting.Tests;

/// <summary>
/// Simulates the space-time Hawkes process by its branching (cluster) representation (Hawkes and Oakes 1974):
/// background incidents at a constant rate around fixed hotspots, each incident begetting Poisson(theta) offspring
/// after Exp(omega) days, displaced by an isotropic Gaussian of sd sigma.
/// </summary>
internal static class SyntheticHawkes
{
    public static IncidentSet Simulate(int seed, double days, double mu, double theta, double omega, double sigma, double size, int hotspots = 20, double hotspotSd = 300)
    {
        var rng = new Random(seed);
        var cx = new double[hotspots];
        var cy = new double[hotspots];
        for (var h = 0; h < hotspots; h++)
        {
            cx[h] = size * (0.1 + (0.8 * rng.NextDouble()));
            cy[h] = size * (0.1 + (0.8 * rng.NextDouble()));
        }

        var xs = new List<double>();
        var ys = new List<double>();
        var ts = new List<double>();
        var queue = new Queue<int>();
        var background = Poisson(rng, mu * days);
        for (var i = 0; i < background; i++)
        {
            var h = rng.Next(hotspots);
            xs.Add(cx[h] + (hotspotSd * Normal(rng)));
            ys.Add(cy[h] + (hotspotSd * Normal(rng)));
            ts.Add(rng.NextDouble() * days);
            queue.Enqueue(xs.Count - 1);
        }

        while (queue.Count > 0)
        {
            var p = queue.Dequeue();
            var children = Poisson(rng, theta);
            for (var c = 0; c < children; c++)
            {
                var t = ts[p] + (-Math.Log(1 - rng.NextDouble()) / omega);
                if (t >= days)
                {
                    continue;
                }

                xs.Add(xs[p] + (sigma * Normal(rng)));
                ys.Add(ys[p] + (sigma * Normal(rng)));
                ts.Add(t);
                queue.Enqueue(xs.Count - 1);
            }
        }

        return new IncidentSet([.. xs], [.. ys], [.. ts], new int[xs.Count], ["SYNTHETIC"]);
    }

    private static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static int Poisson(Random rng, double mean)
    {
        if (mean > 50)
        {
            return Math.Max(0, (int)Math.Round(mean + (Math.Sqrt(mean) * Normal(rng))));
        }

        var l = Math.Exp(-mean);
        var k = 0;
        var p = 1.0;
        do
        {
            k++;
            p *= rng.NextDouble();
        }
        while (p > l);
        return k - 1;
    }
}
