using System.Xml.Linq;
using Vigil.Forecasting.Data;
using Vigil.Forecasting.Evaluation;
using Vigil.Forecasting.Geo;
using Vigil.Forecasting.Grid;
using Vigil.Forecasting.Models;

namespace Vigil.Forecasting.Tests;

public sealed class EvaluationTests
{
    [Fact]
    public void Score_follows_the_nij_definitions()
    {
        // PAI = (n/N)/(a/A): 5 of 10 incidents in 2 of 20 cells gives (0.5)/(0.1) = 5 (NIJ challenge, note [1]).
        var grid = new ForecastGrid(Region.Rectangle("r", 0, 0, 20, 1), 1);
        var counts = new int[20];
        counts[0] = 3;
        counts[1] = 2;
        counts[5] = 4;
        counts[9] = 1;
        var order = new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19 };
        var best = HotspotRanking.SortedCounts(grid, counts);
        var s = HotspotRanking.Score(grid, order, counts, best, 2, 10);
        Assert.Equal(5, s.Captured);
        Assert.Equal(0.5, s.HitRate, 12);
        Assert.Equal(5, s.Pai, 12);
        Assert.Equal(7, s.BestPossible);
        Assert.Equal(5.0 / 7, s.Pei, 12);
    }

    [Fact]
    public void Rank_orders_by_score_and_keeps_cell_order_on_ties()
    {
        var grid = new ForecastGrid(Region.Rectangle("r", 0, 0, 5, 1), 1);
        var order = new int[5];
        HotspotRanking.Rank(grid, [0.5, 2, 0.5, 3, 0.5], order, new double[5]);
        Assert.Equal([3, 1, 0, 2, 4], order);
    }

    [Fact]
    public void Area_targets_convert_square_miles_to_grid_units()
    {
        // 0.25 sq mi = 6,969,600 sq ft, i.e. 27.9 cells of 500 ft: 27 whole cells (NIJ: flagged area may not exceed the target).
        var area = AreaTarget.Miles(0.25).Area(1e12, 0.3048);
        Assert.Equal(6_969_600, area, 0);
        var grid = new ForecastGrid(Region.Rectangle("r", 0, 0, 50_000, 50_000), 500);
        Assert.Equal(27, grid.CellsForArea(area));
        Assert.Equal(0.01 * grid.InsideArea, AreaTarget.Fraction(0.01).Area(grid.InsideArea, 0.3048), 6);
    }

    [Fact]
    public void Backtest_on_a_fixed_hotspot_scores_high_pai_and_counts_windows()
    {
        var rng = new Random(5);
        var n = 3000;
        var x = new double[n];
        var y = new double[n];
        var t = new double[n];
        for (var i = 0; i < n; i++)
        {
            var hot = i % 2 == 0;
            x[i] = hot ? 1000 + (rng.NextDouble() * 500) : rng.NextDouble() * 20_000;
            y[i] = hot ? 1000 + (rng.NextDouble() * 500) : rng.NextDouble() * 20_000;
            t[i] = rng.NextDouble() * 400;
        }

        var set = new IncidentSet(x, y, t, new int[n], ["A"]);
        var grid = new ForecastGrid(Region.Rectangle("r", 0, 0, 20_000, 20_000), 500);
        var options = new BacktestOptions { FirstOriginDay = 200, EndDay = 400, HorizonDays = 20, Areas = [AreaTarget.Fraction(0.01)] };
        var observed = 0;
        var result = RollingOriginBacktest.Run(set, grid, new KernelDensityModel(250), "A", options, (_, _, _, _) => observed++);
        Assert.Equal(10, result.Windows);
        Assert.Equal(10, observed);

        // Half the incidents fall in 1/1600 of the city; flagging 1% (16 cells) should capture about half: PAI near 50.
        Assert.InRange(result.Areas[0].MeanPai, 40, 60);
        Assert.InRange(result.Areas[0].MeanPei, 0.7, 1.0);
        Assert.Equal(result.CurveFractions.Count, result.CurveMeanPai.Count);
    }

    [Fact]
    public void Selection_picks_the_bandwidth_that_fits_tight_hotspots()
    {
        var set = SyntheticHawkes.Simulate(seed: 2, days: 500, mu: 6, theta: 0, omega: 1, sigma: 1, size: 30_000, hotspots: 40, hotspotSd: 100);
        var grid = new ForecastGrid(Region.Rectangle("r", 0, 0, 30_000, 30_000), 250);
        var selected = ModelSelection.Select(ModelFamily.Kde, set, grid, 300, 500, 30, 0.3048);
        Assert.Equal("bandwidth 250 ft", selected.Label);
        Assert.Equal("kde", selected.Name);
    }

    [Fact]
    public void Svg_chart_is_well_formed_with_one_line_per_model_and_panel()
    {
        var curve = new List<double> { 0.01, 0.05 };
        var results = new List<BacktestResult>
        {
            new("kde", "BURGLARY", 7, 3, [], curve, [4, 2]),
            new("hawkes", "BURGLARY", 7, 3, [], curve, [5, 2.5]),
            new("kde", "BURGLARY", 14, 3, [], curve, [3, 2]),
        };
        var writer = new StringWriter();
        PaiCurveChart.Write(writer, results, (0.002, 0.005), "test <&>");
        var doc = XDocument.Parse(writer.ToString());
        XNamespace svg = "http://www.w3.org/2000/svg";
        Assert.Equal(3, doc.Descendants(svg + "polyline").Count());
        Assert.Contains(doc.Descendants(svg + "text"), e => e.Value == "test <&>");
    }
}
