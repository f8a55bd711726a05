using Vigil.Forecasting.Data;
using Vigil.Forecasting.Evaluation;
using Vigil.Forecasting.Geo;
using Vigil.Forecasting.Grid;
using Vigil.Forecasting.Models;

namespace Vigil.Forecasting.Tests;

public sealed class BlendTests
{
    // 20 x 20 cells of 500 m; in metres the NIJ areas are 2, 5 and 7 cells.
    private static readonly ForecastGrid Grid = new(Region.Rectangle("city", 0, 0, 10_000, 10_000), 500);

    private static readonly BlendOptions Options = new() { MetresPerUnit = 1 };

    private static IncidentSet Set(List<(double X, double Y, double Day)> points) =>
        new([.. points.Select(p => p.X)], [.. points.Select(p => p.Y)], [.. points.Select(p => p.Day)], new int[points.Count], ["A"]);

    /// <summary>Poisson arrivals at <paramref name="perDay"/> over [from, to), placed by <paramref name="place"/>.</summary>
    private static void Arrivals(List<(double, double, double)> into, Random rng, double from, double to, double perDay, Func<Random, (double X, double Y)> place)
    {
        for (var t = from + (-Math.Log(1 - rng.NextDouble()) / perDay); t < to; t += -Math.Log(1 - rng.NextDouble()) / perDay)
        {
            var (x, y) = place(rng);
            into.Add((x, y, t));
        }
    }

    private static double Normal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static BlendModel Learn(IncidentSet set, IReadOnlyList<IForecastModel> members, int steps = 20, double origin = 730, double horizon = 7)
    {
        var labels = members.Select((_, i) => $"m{i}").ToList();
        var blend = new BlendModel(members, labels, Options with { Steps = steps });
        blend.Forecast(set, Grid, origin, horizon, new double[Grid.CellCount]);
        return blend;
    }

    [Fact]
    public void Selection_gives_all_weight_to_the_member_that_points_at_the_incidents()
    {
        var points = new List<(double, double, double)>();
        for (var d = 0; d < 400; d++)
        {
            points.Add((2250, 2250, d + 0.5));
        }

        var hit = new FixedSurface(Grid.CellOf(2250, 2250));
        var miss = new FixedSurface(Grid.CellOf(7250, 7250));
        var inner = InnerValidationSet.Build(Set(points), Grid, [miss, hit], 0, 400, 7, 7);
        var weights = EnsembleSelection.Select(inner, [2, 5, 7]);
        Assert.Equal([0.0, 1.0], weights.Weights);
        Assert.Equal(57, inner.Windows);
    }

    [Fact]
    public void Selection_keeps_one_member_when_a_copy_adds_nothing()
    {
        var points = new List<(double, double, double)> { (2250, 2250, 10), (2250, 2250, 20) };
        var a = new FixedSurface(Grid.CellOf(2250, 2250));
        var inner = InnerValidationSet.Build(Set(points), Grid, [a, a], 0, 30, 7, 7);
        var weights = EnsembleSelection.Select(inner, [2]);
        Assert.Equal(1, weights.Steps);
        Assert.Equal(1.0, weights.Weights.Sum(), 12);
    }

    [Fact]
    public void Inner_validation_picks_the_bandwidth_that_generated_the_data()
    {
        // Incidents scatter with sd 1,000 m around three centres at a low rate, so raw counts are noisy and a wide
        // kernel blurs the centres together. One greedy step is a plain choice of the best single member.
        var rng = new Random(5);
        var centres = new (double X, double Y)[] { (2500, 2500), (7500, 3000), (5000, 7500) };
        var points = new List<(double, double, double)>();
        Arrivals(points, rng, 0, 760, 1.5, r =>
        {
            var c = centres[r.Next(centres.Length)];
            return (c.X + (1000 * Normal(r)), c.Y + (1000 * Normal(r)));
        });
        var blend = Learn(Set(points), [new KernelDensityModel(0), new KernelDensityModel(1000), new KernelDensityModel(5000)], steps: 1);
        Assert.Equal([0.0, 1.0, 0.0], blend.LastWeights!.Weights);
    }

    [Fact]
    public void Blend_trusts_cell_counts_when_hotspots_are_single_places()
    {
        // Eight fixed places (think car parks) far apart over a thin uniform background: a broad kernel spreads each
        // place over its neighbours, so the raw counts flag the right cells and the blend should learn that.
        var rng = new Random(9);
        var places = new (double X, double Y)[] { (1250, 1250), (1250, 5250), (1250, 8750), (5250, 1250), (5250, 8750), (8750, 1250), (8750, 5250), (8750, 8750) };
        var points = new List<(double, double, double)>();
        Arrivals(points, rng, 0, 760, 2, r => places[r.Next(places.Length)]);
        Arrivals(points, rng, 0, 760, 1, r => (r.NextDouble() * 10_000, r.NextDouble() * 10_000));
        var set = Set(points);
        IForecastModel[] members = [new KernelDensityModel(0), new KernelDensityModel(2500)];
        Assert.Equal([1.0, 0.0], Learn(set, members, steps: 1).LastWeights!.Weights);

        // With more steps the broad member may join, but only with a share too small to move the flagged cells.
        var blend = Learn(set, members);
        Assert.True(blend.LastWeights!.Weights[0] >= 0.5, blend.Describe());
        var scores = new double[Grid.CellCount];
        blend.Forecast(set, Grid, 730, 7, scores);
        var order = new int[Grid.InsideCells.Length];
        HotspotRanking.Rank(Grid, scores, order, new double[order.Length]);
        foreach (var cell in order[..7])
        {
            Assert.Contains(places, p => Grid.CellOf(p.X, p.Y) == cell);
        }
    }

    [Fact]
    public void Blend_prefers_recent_memory_when_hotspots_move()
    {
        // The hot place moves on day 450; for most of the inner year the decayed counts already point at the new one.
        var rng = new Random(13);
        var points = new List<(double, double, double)>();
        Arrivals(points, rng, 0, 450, 2, _ => (2250, 2250));
        Arrivals(points, rng, 450, 760, 2, _ => (7750, 7750));
        Arrivals(points, rng, 0, 760, 1, r => (r.NextDouble() * 10_000, r.NextDouble() * 10_000));
        var blend = Learn(Set(points), [new KernelDensityModel(0), new KernelDensityModel(0, decayDays: 30)]);
        Assert.True(blend.LastWeights!.Weights[1] > 0.5, blend.Describe());
    }

    [Fact]
    public void Blend_forecast_does_not_read_incidents_at_or_after_the_origin()
    {
        var rng = new Random(21);
        var past = new List<(double, double, double)>();
        Arrivals(past, rng, 0, 500, 3, r => (r.NextDouble() * 10_000, r.NextDouble() * 10_000));
        var withFuture = new List<(double, double, double)>(past);
        Arrivals(withFuture, rng, 500, 600, 50, _ => (9250, 9250));
        var members = ModelCatalog.Blend(1).Members;
        var a = new double[Grid.CellCount];
        var b = new double[Grid.CellCount];
        ModelCatalog.Blend(1).Forecast(Set(past), Grid, 500, 14, a);
        ModelCatalog.Blend(1).Forecast(Set(withFuture), Grid, 500, 14, b);
        Assert.Equal(a, b);
        Assert.Equal(11, members.Count);
    }

    [Fact]
    public void Blend_relearns_only_after_the_refit_interval()
    {
        var rng = new Random(3);
        var points = new List<(double, double, double)>();
        Arrivals(points, rng, 0, 800, 3, r => (r.NextDouble() * 10_000, r.NextDouble() * 10_000));
        var set = Set(points);
        var blend = new BlendModel([new KernelDensityModel(0), new KernelDensityModel(1000)], ["counts", "kde"], Options with { RefitEveryDays = 91 });
        var scores = new double[Grid.CellCount];
        blend.Forecast(set, Grid, 400, 7, scores);
        blend.Forecast(set, Grid, 480, 7, scores);
        Assert.Equal(400, blend.LearnedAtDay);
        blend.Forecast(set, Grid, 491, 7, scores);
        Assert.Equal(491, blend.LearnedAtDay);
    }

    [Fact]
    public void Likelihood_weights_recover_the_mixture_that_generated_the_incidents()
    {
        // Incidents drawn 70/30 from two fixed surfaces (one cell each of two disjoint halves): EM should find 0.7/0.3
        // and leave the uniform floor near zero.
        var rng = new Random(17);
        var left = new FixedSurface(Grid.CellOf(2250, 5250));
        var right = new FixedSurface(Grid.CellOf(7750, 5250));
        var points = new List<(double, double, double)>();
        Arrivals(points, rng, 0, 365, 10, r => r.NextDouble() < 0.7 ? (2250, 5250) : (7750, 5250));
        var inner = InnerValidationSet.Build(Set(points), Grid, [left, right], 0, 365, 7, 7);
        var w = EnsembleSelection.SelectByLikelihood(inner).Weights;
        Assert.Equal(3, w.Count);
        Assert.InRange(w[0], 0.66, 0.74);
        Assert.InRange(w[1], 0.26, 0.34);
        Assert.InRange(w[2], 0, 0.01);
    }

    [Fact]
    public void Likelihood_blend_adds_the_uniform_floor_to_every_city_cell()
    {
        var rng = new Random(29);
        var points = new List<(double, double, double)>();
        Arrivals(points, rng, 0, 500, 3, r => (r.NextDouble() * 10_000, r.NextDouble() * 10_000));
        var blend = new BlendModel([new KernelDensityModel(0)], ["counts"], Options with { Objective = BlendObjective.Likelihood });
        var scores = new double[Grid.CellCount];
        blend.Forecast(Set(points), Grid, 500, 7, scores);
        var floor = blend.LastWeights!.Weights[^1];
        Assert.True(floor > 0, blend.Describe());
        Assert.All(Grid.InsideCells.ToArray(), c => Assert.True(scores[c] >= floor / Grid.InsideCells.Length * 0.999));
        Assert.Equal(1, scores.Sum(), 9);
    }

    [Fact]
    public void Kde_with_zero_bandwidth_is_the_cell_count()
    {
        var set = Set([(2250, 2250, 1), (2300, 2200, 2), (8000, 8000, 3)]);
        var scores = new double[Grid.CellCount];
        new KernelDensityModel(0).Forecast(set, Grid, 10, 7, scores);
        Assert.Equal(2, scores[Grid.CellOf(2250, 2250)]);
        Assert.Equal(1, scores[Grid.CellOf(8000, 8000)]);
        Assert.Equal(3, scores.Sum());
    }

    /// <summary>A member that always puts all its mass in one cell.</summary>
    private sealed class FixedSurface(int cell) : IForecastModel
    {
        public string Name => "fixed";

        public void Forecast(IncidentSet history, ForecastGrid grid, double originDay, double horizonDays, Span<double> scores)
        {
            scores.Clear();
            scores[cell] = 1;
        }
    }
}
