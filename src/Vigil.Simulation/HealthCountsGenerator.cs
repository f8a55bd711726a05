namespace Vigil.Simulation;

/// <summary>
/// Synthetic daily emergency-department visit counts per district for one syndrome, for the demo's outbreak detection:
/// a weekly cycle (more visits on Mondays, fewer at weekends) with Poisson noise, and an injected outbreak (the expected
/// count tripled) in one district over the last days. Labelled synthetic wherever it is shown.
/// </summary>
public static class HealthCountsGenerator
{
    public const string Syndrome = "influenza-like illness (synthetic)";

    /// <param name="outbreakDays">How many of the last days carry the outbreak, in the first district.</param>
    public static List<(string District, DateOnly Day, int Count)> Generate(IReadOnlyList<string> districts, DateOnly lastDay, int days, int outbreakDays, int seed)
    {
        ArgumentNullException.ThrowIfNull(districts);
        var random = new Random(seed);
        var counts = new List<(string, DateOnly, int)>(districts.Count * days);
        for (var d = 0; d < districts.Count; d++)
        {
            // Districts differ in size, so their baselines do too.
            var baseline = 6.0 + (4.0 * random.NextDouble());
            for (var i = days - 1; i >= 0; i--)
            {
                var day = lastDay.AddDays(-i);
                var weekly = day.DayOfWeek switch
                {
                    DayOfWeek.Monday => 1.3,
                    DayOfWeek.Saturday or DayOfWeek.Sunday => 0.75,
                    _ => 1.0,
                };
                var mean = baseline * weekly * (d == 0 && i < outbreakDays ? 3.0 : 1.0);
                counts.Add((districts[d], day, Poisson(random, mean)));
            }
        }

        return counts;
    }

    /// <summary>Knuth's multiplication method; exact and fast enough for the small means of daily counts.</summary>
    private static int Poisson(Random random, double mean)
    {
        var limit = Math.Exp(-mean);
        var k = 0;
        var p = random.NextDouble();
        while (p > limit)
        {
            k++;
            p *= random.NextDouble();
        }

        return k;
    }
}
