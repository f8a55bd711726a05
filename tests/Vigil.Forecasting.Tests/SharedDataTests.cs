using Vigil.Forecasting.Data;
using Vigil.Forecasting.Evaluation;
using Vigil.Forecasting.Geo;
using Vigil.Forecasting.Grid;
using Vigil.Forecasting.Models;
using Vigil.Forecasting.Safeguards;
using Vigil.Testing;

namespace Vigil.Forecasting.Tests;

/// <summary>Small, bounded checks on the shared public data; the full evaluation is the CLI run in docs/benchmarks.md.</summary>
public sealed class SharedDataTests
{
    private const string Portland = "crime/portland/portland_nij_burglary_mvt_before_2016-06-01.csv";
    private const string PortlandBoundary = "crime/portland/portland_boundary.epsg2913.geojson";
    private const string PortlandDistricts = "crime/portland/portland_police_districts.epsg2913.geojson";
    private const string Vancouver = "crime/vancouver/vancouver_vpd_2020-01-01_2022-10-20.csv";

    private static IncidentSet ReadPortland()
    {
        using var reader = new StreamReader(TestData.PathTo(Portland));
        Assert.True(IncidentCsvReader.TryRead(reader, new IncidentCsvOptions(), out var result, out var error), error);
        return result!.Incidents;
    }

    private static Region Boundary(string path)
    {
        using var stream = File.OpenRead(TestData.PathTo(path));
        Assert.True(GeoJsonRegionReader.TryRead(stream, null, out var regions, out var error), error);
        return regions!.Regions.Count == 1 ? regions.Regions[0] : Region.Combine("b", regions.Regions);
    }

    [DataFact(Portland)]
    public void Portland_csv_reads_both_nij_categories()
    {
        var set = ReadPortland();

        // Counts from the data's README: 11,307 rows, BURGLARY 4,345, MOTOR VEHICLE THEFT 6,962.
        Assert.Equal(11_307, set.Count);
        Assert.Equal(4_345, set.OfCategory(set.CategoryIndex("BURGLARY")).Count);
        Assert.Equal(6_962, set.OfCategory(set.CategoryIndex("MOTOR VEHICLE THEFT")).Count);
        Assert.Equal(IncidentCsvReader.ToDays(new DateTime(2012, 3, 1)), set.FirstDay);
    }

    [DataFact(PortlandBoundary)]
    public void Portland_boundary_area_matches_gdal()
    {
        // README: union area about 147.70 sq mi (GDAL, EPSG:2913). 1 sq mi = 27,878,400 sq ft.
        var area = Boundary(PortlandBoundary).Area() / 27_878_400;
        Assert.InRange(area, 147.5, 147.9);
    }

    [DataFact(PortlandDistricts)]
    public void Portland_incidents_fall_in_the_city_grid_and_districts()
    {
        var set = ReadPortland().Between(IncidentCsvReader.ToDays(new DateTime(2015, 1, 1)), IncidentCsvReader.ToDays(new DateTime(2015, 2, 1)));
        var grid = new ForecastGrid(Boundary(PortlandBoundary), 500);
        using var stream = File.OpenRead(TestData.PathTo(PortlandDistricts));
        Assert.True(GeoJsonRegionReader.TryRead(stream, null, out var districts, out _));
        Assert.Equal(60, districts!.Regions.Count);
        var inside = 0;
        for (var i = 0; i < set.Count; i++)
        {
            var cell = grid.CellOf(set.X[i], set.Y[i]);
            inside += cell >= 0 && grid.IsInside(cell) ? 1 : 0;
        }

        // The source kept only points inside the districts; cells whose centre lies outside lose a few on the edge.
        Assert.True(inside > 0.97 * set.Count, $"{inside} of {set.Count}");
        var report = DisparityReport.Build(grid, districts.Regions, grid.InsideCells[..10], [], set, 0, double.MaxValue);
        Assert.Equal(1, report.Districts.Sum(d => d.AreaShare), 9);
        Assert.Equal(1, report.Districts.Sum(d => d.IncidentShare), 9);
    }

    [DataFact(Portland)]
    public void Portland_burglary_kde_beats_chance_on_a_bounded_backtest()
    {
        var all = ReadPortland();
        var set = all.OfCategory(all.CategoryIndex("BURGLARY"));
        var grid = new ForecastGrid(Boundary(PortlandBoundary), 500);
        var options = new BacktestOptions
        {
            FirstOriginDay = IncidentCsvReader.ToDays(new DateTime(2014, 3, 1)),
            EndDay = IncidentCsvReader.ToDays(new DateTime(2014, 9, 1)),
            HorizonDays = 30,
            MetresPerUnit = 0.3048,
        };
        var result = RollingOriginBacktest.Run(set, grid, new KernelDensityModel(1000 * 0.3048 / 0.3048), "BURGLARY", options);
        Assert.Equal(6, result.Windows);

        // Chance flagging gives PAI 1; known burglary hotspots give several times that at 5% of the city.
        Assert.True(result.Areas[^1].MeanPai > 2, $"PAI {result.Areas[^1].MeanPai}");
        var hawkes = RollingOriginBacktest.Run(set, grid, new SelfExcitingModel(ModelCatalog.HawkesOptions(1000, 0.3048)), "BURGLARY", options);
        Assert.True(hawkes.Areas[^1].MeanPai > 2, $"PAI {hawkes.Areas[^1].MeanPai}");
    }

    [DataFact(Vancouver)]
    public void Vancouver_csv_reads_projected_lon_lat_and_skips_unlocated_rows()
    {
        using var reader = new StreamReader(TestData.PathTo(Vancouver));
        var options = new IncidentCsvOptions { Projection = Projection.Utm(10, true) };
        Assert.True(IncidentCsvReader.TryRead(reader, options, out var result, out var error), error);

        // README: 98,074 rows, 87,296 with coordinates, 11 offence types.
        Assert.Equal(98_074, result!.Rows);
        Assert.Equal(87_296, result.Incidents.Count);
        Assert.Equal(98_074 - 87_296, result.SkippedWithoutLocation + result.SkippedInvalid);
        Assert.InRange(result.Incidents.CategoryNames.Count, 9, 11);
    }
}
