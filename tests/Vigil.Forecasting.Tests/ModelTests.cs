using Vigil.Forecasting.Data;
using Vigil.Forecasting.Evaluation;
using Vigil.Forecasting.Geo;
using Vigil.Forecasting.Grid;
using Vigil.Forecasting.Models;

namespace Vigil.Forecasting.Tests;

public sealed class ModelTests
{
    private static readonly ForecastGrid Grid = new(Region.Rectangle("city", 0, 0, 10_000, 10_000), 500);

    private static IncidentSet Points(params (double X, double Y, double Day)[] points)
    {
        var x = points.Select(p => p.X).ToArray();
        var y = points.Select(p => p.Y).ToArray();
        var t = points.Select(p => p.Day).ToArray();
        return new IncidentSet(x, y, t, new int[points.Length], ["A"]);
    }

    private static int Best(IForecastModel model, IncidentSet set, double origin, double horizon)
    {
        var scores = new double[Grid.CellCount];
        model.Forecast(set, Grid, origin, horizon, scores);
        var order = new int[Grid.InsideCells.Length];
        HotspotRanking.Rank(Grid, scores, order, new double[order.Length]);
        return order[0];
    }

    [Fact]
    public void Naive_counts_only_the_last_period_and_ignores_the_future()
    {
        var set = Points((250, 250, 1), (250, 250, 2), (250, 250, 3), (5250, 5250, 95), (9250, 9250, 101), (9250, 9250, 102));
        var scores = new double[Grid.CellCount];
        new NaiveCountModel().Forecast(set, Grid, 100, 7, scores);
        Assert.Equal(1, scores[Grid.CellOf(5250, 5250)], 5);
        Assert.Equal(0, scores[Grid.CellOf(9250, 9250)]);
        Assert.True(scores[Grid.CellOf(250, 250)] is > 0 and < 1e-3);
    }

    [Fact]
    public void Kde_puts_the_dense_cluster_first()
    {
        var set = Points((2250, 2250, 1), (2300, 2200, 2), (2200, 2300, 3), (8000, 8000, 4));
        Assert.Equal(Grid.CellOf(2250, 2250), Best(new KernelDensityModel(300), set, 10, 7));
    }

    [Fact]
    public void Kde_decay_prefers_recent_incidents_over_older_ones()
    {
        var set = Points((2250, 2250, 1), (2250, 2250, 2), (7250, 7250, 99));
        Assert.Equal(Grid.CellOf(2250, 2250), Best(new KernelDensityModel(200), set, 100, 7));
        Assert.Equal(Grid.CellOf(7250, 7250), Best(new KernelDensityModel(200, decayDays: 10), set, 100, 7));
    }

    [Fact]
    public void Kde_scores_sum_to_the_number_of_past_incidents_away_from_edges()
    {
        var set = Points((5000, 5000, 1), (5200, 4800, 2), (5000, 5000, 200));
        var scores = new double[Grid.CellCount];
        new KernelDensityModel(400).Forecast(set, Grid, 100, 7, scores);
        Assert.Equal(2, scores.Sum(), 6);
    }

    [Fact]
    public void Ensemble_of_one_member_ranks_like_the_member()
    {
        var set = Points((2250, 2250, 1), (2300, 2200, 2), (8000, 8000, 4));
        var kde = new KernelDensityModel(300);
        var ensemble = new EnsembleModel([kde, new NaiveCountModel(1)], [1, 0]);
        Assert.Equal(Best(kde, set, 10, 7), Best(ensemble, set, 10, 7));
        var scores = new double[Grid.CellCount];
        ensemble.Forecast(set, Grid, 10, 7, scores);
        Assert.Equal(1, scores.Sum(), 9);
    }

    [Fact]
    public void Ensemble_needs_one_weight_per_member() =>
        Assert.Throws<ArgumentException>(() => new EnsembleModel([new NaiveCountModel()], [0.5, 0.5]));

    [Fact]
    public void Hawkes_em_recovers_simulated_parameters()
    {
        // Ground truth as in Mohler et al. (2011) section 4's simulation study, scaled: theta 0.5, 1/omega 10 days, sigma 100.
        var set = SyntheticHawkes.Simulate(seed: 7, days: 730, mu: 8, theta: 0.5, omega: 0.1, sigma: 100, size: 20_000, hotspots: 30, hotspotSd: 800);
        var grid = new ForecastGrid(Region.Rectangle("sim", -2000, -2000, 22_000, 22_000), 250);
        var options = new SelfExcitingOptions
        {
            BackgroundBandwidth = 500,
            InitialTriggerSigma = 300,
            MinTriggerSigma = 10,
            DistanceCutoff = 1000,
            TimeCutoffDays = 90,
            InitialDecayPerDay = 1.0 / 30,
            InitialBranching = 0.2,
            MaxIterations = 200,
        };
        var fit = SelfExcitingFitter.Fit(set, grid, 0, 730, options);
        Assert.InRange(fit.Theta, 0.4, 0.6);
        Assert.InRange(1 / fit.Omega, 7, 13);
        Assert.InRange(fit.Sigma, 80, 125);
        Assert.InRange(fit.Mu, 8 * 0.8, 8 * 1.2);
    }

    [Fact]
    public void Hawkes_on_pure_background_finds_little_triggering()
    {
        var set = SyntheticHawkes.Simulate(seed: 3, days: 365, mu: 10, theta: 0, omega: 0.1, sigma: 100, size: 20_000, hotspots: 30, hotspotSd: 800);
        var grid = new ForecastGrid(Region.Rectangle("sim", -2000, -2000, 22_000, 22_000), 250);
        var options = ModelCatalog.HawkesOptions(500 * 0.3048, 0.3048) with { MaxIterations = 100 };
        var fit = SelfExcitingFitter.Fit(set, grid, 0, 365, options);
        Assert.InRange(fit.Theta, 0, 0.1);
    }

    [Fact]
    public void Hawkes_candidate_pairs_respect_the_cutoffs()
    {
        var x = new double[] { 0, 10, 5000, 20, 30 };
        var y = new double[] { 0, 0, 0, 0, 0 };
        var t = new double[] { 0, 1, 2, 200, 201 };
        var pairs = CandidatePairs.Build(x, y, t, distanceCutoff: 100, timeCutoff: 90, maxParents: 10);
        Assert.Equal([0], pairs.Parents[pairs.Start[1]..pairs.Start[2]]);
        Assert.Empty(pairs.Parents[pairs.Start[2]..pairs.Start[3]]);
        Assert.Empty(pairs.Parents[pairs.Start[3]..pairs.Start[4]]);
        Assert.Equal([3], pairs.Parents[pairs.Start[4]..pairs.Start[5]]);
    }

    [Fact]
    public void Hawkes_candidate_pairs_keep_only_the_most_recent_parents()
    {
        var n = 50;
        var pairs = CandidatePairs.Build(new double[n], new double[n], Enumerable.Range(0, n).Select(i => (double)i).ToArray(), 100, 1000, maxParents: 5);
        Assert.Equal([44, 45, 46, 47, 48], pairs.Parents[pairs.Start[49]..pairs.Start[50]]);
    }

    [Fact]
    public void Hawkes_forecast_raises_risk_near_a_fresh_incident()
    {
        var set = SyntheticHawkes.Simulate(seed: 11, days: 400, mu: 5, theta: 0.5, omega: 0.1, sigma: 100, size: 10_000, hotspots: 10, hotspotSd: 500);
        var model = new SelfExcitingModel(ModelCatalog.HawkesOptions(500 * 0.3048, 0.3048));
        var scores = new double[Grid.CellCount];
        model.Forecast(set, Grid, 400, 7, scores);
        var total = scores.Sum();

        // Expected count over 7 days: background 5/day plus the tail of recent triggering, within generous bounds.
        Assert.InRange(total, 25, 80);
        Assert.NotNull(model.LastFit);
    }
}
