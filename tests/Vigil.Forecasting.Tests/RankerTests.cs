using Vigil.Forecasting.Data;
using Vigil.Forecasting.Evaluation;
using Vigil.Forecasting.Geo;
using Vigil.Forecasting.Grid;
using Vigil.Forecasting.Models;

namespace Vigil.Forecasting.Tests;

public sealed class RankerTests
{
    // 20 x 20 cells of 500 m, in metres.
    private static readonly ForecastGrid Grid = new(Region.Rectangle("city", 0, 0, 10_000, 10_000), 500);

    private static readonly (double X, double Y)[] Live = [(1250, 1250), (1250, 6250), (3750, 8750), (6250, 3750), (8750, 1250), (8750, 8750), (5250, 5250), (3250, 3250)];

    private static readonly (double X, double Y)[] Dead = [(2250, 4750), (4750, 1750), (7250, 6250), (6750, 8750), (1750, 8250), (8250, 4250), (4250, 6750), (9250, 2750)];

    private static IncidentSet Set(List<(double X, double Y, double Day)> points) =>
        new([.. points.Select(p => p.X)], [.. points.Select(p => p.Y)], [.. points.Select(p => p.Day)], new int[points.Count], ["A"]);

    private static void Arrivals(List<(double, double, double)> into, Random rng, double from, double to, double perDay, Func<Random, (double X, double Y)> place)
    {
        for (var t = from + (-Math.Log(1 - rng.NextDouble()) / perDay); t < to; t += -Math.Log(1 - rng.NextDouble()) / perDay)
        {
            var (x, y) = place(rng);
            into.Add((x, y, t));
        }
    }

    /// <summary>
    /// Eight long-run repeat places that keep producing incidents, eight places that were busier still but went quiet
    /// on day 300, and a uniform background: a plain KDE over all history ranks the quiet places first.
    /// </summary>
    private static IncidentSet RepeatPlacesCity(int seed)
    {
        var rng = new Random(seed);
        var points = new List<(double, double, double)>();
        Arrivals(points, rng, 0, 950, 0.3, r => Live[r.Next(Live.Length)]);
        Arrivals(points, rng, 0, 300, 1.4, r => Dead[r.Next(Dead.Length)]);
        Arrivals(points, rng, 0, 950, 1, r => (r.NextDouble() * 10_000, r.NextDouble() * 10_000));
        return Set(points);
    }

    private static int[] Top(IForecastModel model, IncidentSet set, double origin, double horizon, int k)
    {
        var scores = new double[Grid.CellCount];
        model.Forecast(set, Grid, origin, horizon, scores);
        var order = new int[Grid.InsideCells.Length];
        HotspotRanking.Rank(Grid, scores, order, new double[order.Length]);
        return order[..k];
    }

    /// <summary>Share of the incidents in weekly windows from day 730 that fell in the model's top 8 cells.</summary>
    private static double Captured(IForecastModel model, IncidentSet set)
    {
        var counts = new int[Grid.CellCount];
        var captured = 0;
        var total = 0;
        for (var origin = 730.0; origin + 7 <= 950; origin += 7)
        {
            total += HotspotRanking.CountCells(set, Grid, origin, origin + 7, counts);
            foreach (var cell in Top(model, set, origin, 7, 8))
            {
                captured += counts[cell];
            }
        }

        return (double)captured / total;
    }

    [Fact]
    public void Ranker_puts_the_long_run_repeat_places_on_top_and_beats_a_plain_kde()
    {
        var set = RepeatPlacesCity(7);
        var ranker = ModelCatalog.Ranker(1);
        var top = Top(ranker, set, 730, 7, 8);
        var live = Live.Select(p => Grid.CellOf(p.X, p.Y)).ToHashSet();
        Assert.True(top.Count(live.Contains) >= 7, ranker.Describe());

        // The plain KDE remembers the quiet places: at the cell size and a block beyond, they fill its top cells.
        var dead = Dead.Select(p => Grid.CellOf(p.X, p.Y)).ToHashSet();
        Assert.True(Top(new KernelDensityModel(0), set, 730, 7, 8).Count(dead.Contains) >= 6);

        var rankerShare = Captured(ModelCatalog.Ranker(1), set);
        foreach (var bandwidth in (double[])[0, 250, 500])
        {
            var kdeShare = Captured(new KernelDensityModel(bandwidth), set);
            Assert.True(rankerShare > 2 * kdeShare, $"ranker {rankerShare:P1}, kde {bandwidth} m {kdeShare:P1}");
        }
    }

    [Fact]
    public void Ranker_coefficients_are_finite_and_learning_is_deterministic()
    {
        var set = RepeatPlacesCity(11);
        var a = ModelCatalog.Ranker(1);
        var b = ModelCatalog.Ranker(1);
        var sa = new double[Grid.CellCount];
        var sb = new double[Grid.CellCount];
        a.Forecast(set, Grid, 760, 30, sa);
        b.Forecast(set, Grid, 760, 30, sb);
        Assert.Equal(sa, sb);
        Assert.Equal(a.LastFit!.Coefficients, b.LastFit!.Coefficients);
        Assert.Equal(RankerFeatures.Count + 1, a.LastFit.Coefficients.Count);
        Assert.All(a.LastFit.Coefficients, c => Assert.True(double.IsFinite(c)));
        Assert.All(sa, s => Assert.True(double.IsFinite(s) && s >= 0));

        // Both objectives with all three ridges were tried on the second half of the inner year; the pair kept scored best there.
        Assert.Equal(6, a.LastFit.InnerPai.Count);
        Assert.Equal(a.LastFit.InnerPai.MaxBy(p => p.Value).Key, RankerFit.Label(a.LastFit.Objective, a.LastFit.Ridge));

        // Without a context the all-categories columns are constant, so they carry no weight.
        Assert.Equal(0, a.LastFit.Coefficients[^1]);
    }

    [Fact]
    public void Ranker_forecast_does_not_read_incidents_at_or_after_the_origin()
    {
        var set = RepeatPlacesCity(5);
        var a = new double[Grid.CellCount];
        var b = new double[Grid.CellCount];
        ModelCatalog.Ranker(1).Forecast(set.Between(0, 600), Grid, 600, 14, a);
        ModelCatalog.Ranker(1).Forecast(set, Grid, 600, 14, b);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Ranker_uses_the_other_categories_when_given_them()
    {
        // Category B marks the live places too; with B as context the all-categories columns vary and get weight.
        var rng = new Random(3);
        var points = new List<(double X, double Y, double Day)>();
        Arrivals(points, rng, 0, 800, 0.3, r => Live[r.Next(Live.Length)]);
        Arrivals(points, rng, 0, 800, 1, r => (r.NextDouble() * 10_000, r.NextDouble() * 10_000));
        var own = points.Count;
        Arrivals(points, rng, 0, 800, 2, r => Live[r.Next(Live.Length)]);
        var categories = new int[points.Count];
        Array.Fill(categories, 1, own, points.Count - own);
        var all = new IncidentSet([.. points.Select(p => p.X)], [.. points.Select(p => p.Y)], [.. points.Select(p => p.Day)], categories, ["A", "B"]);
        var ranker = ModelCatalog.Ranker(1, all);
        ranker.Forecast(all.OfCategory(0), Grid, 730, 7, new double[Grid.CellCount]);
        Assert.NotEqual(0, ranker.LastFit!.Coefficients[^1] + ranker.LastFit.Coefficients[^2] + ranker.LastFit.Coefficients[^3]);
    }

    [Fact]
    public void Ranker_with_too_little_history_to_learn_gives_a_flat_finite_forecast()
    {
        // Every incident falls in the last day before the origin, after the last inner window has ended.
        var set = Set([(2250, 2250, 9.5), (2300, 2200, 9.6), (8000, 8000, 9.7)]);
        var ranker = ModelCatalog.Ranker(1);
        var scores = new double[Grid.CellCount];
        ranker.Forecast(set, Grid, 10, 7, scores);
        Assert.Equal(0, ranker.LastFit!.Windows);
        Assert.All(ranker.LastFit.Coefficients, c => Assert.Equal(0, c));
        var inside = Grid.InsideCells.ToArray();
        Assert.All(inside, c => Assert.Equal(scores[inside[0]], scores[c]));
        Assert.True(scores[inside[0]] > 0);
    }

    [Fact]
    public void Evaluation_runs_the_ranker_by_name_and_reports_what_it_learned()
    {
        var set = RepeatPlacesCity(17);
        var request = new EvaluationRequest
        {
            Categories = ["A"],
            HorizonsDays = [7],
            Models = [ModelFamily.Kde, ModelFamily.Ranker],
            FromDay = 730,
            ToDay = 800,
        };
        var outcomes = ForecastEvaluation.Run(set, Grid, [], request);
        var ranker = Assert.Single(outcomes, o => o.Selection.Family == ModelFamily.Ranker);
        Assert.Equal("ranker", ranker.Backtest.Model);
        Assert.Equal(10, ranker.Backtest.Windows);
        Assert.Matches("last (poisson|logistic), ridge [0-9.]+: ", ranker.Selection.Label);
    }

    [Fact]
    public void Ranker_relearns_only_after_the_refit_interval()
    {
        var set = RepeatPlacesCity(13);
        var ranker = ModelCatalog.Ranker(1);
        var scores = new double[Grid.CellCount];
        ranker.Forecast(set, Grid, 400, 7, scores);
        ranker.Forecast(set, Grid, 480, 7, scores);
        Assert.Equal(400, ranker.LastFit!.LearnedAtDay);
        ranker.Forecast(set, Grid, 491, 7, scores);
        Assert.Equal(491, ranker.LastFit.LearnedAtDay);
    }

    [Theory]
    [InlineData(RankerObjective.Poisson)]
    [InlineData(RankerObjective.Logistic)]
    public void Glm_recovers_the_coefficients_that_generated_the_data(RankerObjective objective)
    {
        // 40,000 rows of two standard-normal features; counts drawn from the model itself, no penalty.
        var rng = new Random(1);
        double[] truth = [-1.0, 0.8, -0.4];
        var x = new float[40_000 * 2];
        var y = new int[40_000];
        for (var i = 0; i < y.Length; i++)
        {
            x[2 * i] = (float)Normal(rng);
            x[(2 * i) + 1] = (float)Normal(rng);
            var eta = truth[0] + (truth[1] * x[2 * i]) + (truth[2] * x[(2 * i) + 1]);
            y[i] = objective == RankerObjective.Poisson ? Poisson(rng, Math.Exp(eta)) : (rng.NextDouble() < 1 / (1 + Math.Exp(-eta)) ? 1 : 0);
        }

        var beta = PenalisedGlm.Fit([x], [y], 0, 1, 2, objective, 0);
        for (var j = 0; j < truth.Length; j++)
        {
            Assert.InRange(beta[j], truth[j] - 0.05, truth[j] + 0.05);
        }
    }

    [Fact]
    public void Glm_penalty_shrinks_the_slopes_but_not_the_intercept()
    {
        var rng = new Random(2);
        var x = new float[5_000];
        var y = new int[5_000];
        for (var i = 0; i < y.Length; i++)
        {
            x[i] = (float)Normal(rng);
            y[i] = Poisson(rng, Math.Exp(0.5 + (0.5 * x[i])));
        }

        var free = PenalisedGlm.Fit([x], [y], 0, 1, 1, RankerObjective.Poisson, 0);
        var shrunk = PenalisedGlm.Fit([x], [y], 0, 1, 1, RankerObjective.Poisson, 1);
        Assert.True(Math.Abs(shrunk[1]) < 0.6 * Math.Abs(free[1]), $"{shrunk[1]} vs {free[1]}");
        Assert.InRange(shrunk[0], free[0] - 0.2, free[0] + 0.2);
    }

    [Fact]
    public void Catalog_knows_the_ranker_by_name()
    {
        Assert.True(ModelCatalog.TryParse("Ranker", out var family));
        Assert.Equal(ModelFamily.Ranker, family);
        Assert.Equal("ranker", ModelCatalog.NameOf(family));
        var candidate = Assert.Single(ModelCatalog.Candidates(family, 0.3048));
        Assert.IsType<RankerModel>(candidate.Create());
    }

    private static double Normal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static int Poisson(Random rng, double mean)
    {
        // Knuth's product of uniforms: fine for the small means used here.
        var limit = Math.Exp(-mean);
        var k = 0;
        var p = rng.NextDouble();
        while (p > limit)
        {
            k++;
            p *= rng.NextDouble();
        }

        return k;
    }
}
