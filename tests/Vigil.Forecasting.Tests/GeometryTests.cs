using System.Text;
using Vigil.Forecasting.Geo;
using Vigil.Forecasting.Grid;

namespace Vigil.Forecasting.Tests;

public sealed class GeometryTests
{
    private const string PolygonWithHole = """
        {"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"name":"A"},"geometry":{"type":"Polygon","coordinates":[
            [[0,0],[10,0],[10,10],[0,10],[0,0]],
            [[4,4],[6,4],[6,6],[4,6],[4,4]]]}},
          {"type":"Feature","properties":{"name":"B"},"geometry":{"type":"MultiPolygon","coordinates":[
            [[[20,0],[30,0],[30,10],[20,10],[20,0]]],
            [[[40,0],[50,0],[50,10],[40,10],[40,0]]]]}},
          {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,1]}}
        ]}
        """;

    private static RegionCollection Read(string json)
    {
        Assert.True(GeoJsonRegionReader.TryRead(new MemoryStream(Encoding.UTF8.GetBytes(json)), null, out var regions, out var error), error);
        return regions!;
    }

    [Fact]
    public void GeoJson_polygon_with_hole_excludes_the_hole()
    {
        var regions = Read(PolygonWithHole);
        Assert.Equal(2, regions.Regions.Count);
        var a = regions.Regions[0];
        Assert.Equal("A", a.Name);
        Assert.True(a.Contains(1, 1));
        Assert.False(a.Contains(5, 5));
        Assert.Equal(96, a.Area(), 9);
        Assert.True(regions.IsGeographic);
    }

    [Fact]
    public void GeoJson_multipolygon_contains_both_parts()
    {
        var b = Read(PolygonWithHole).Regions[1];
        Assert.True(b.Contains(25, 5));
        Assert.True(b.Contains(45, 5));
        Assert.False(b.Contains(35, 5));
        Assert.Equal(200, b.Area(), 9);
    }

    [Fact]
    public void GeoJson_crs_member_marks_projected_coordinates()
    {
        const string json = """{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::2913"}},"features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]}""";
        var regions = Read(json);
        Assert.False(regions.IsGeographic);
        Assert.EndsWith("2913", regions.CrsName, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"type":"FeatureCollection","features":[]}""")]
    [InlineData("""{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0]]]}}]}""")]
    public void GeoJson_bad_input_fails_with_message(string json)
    {
        Assert.False(GeoJsonRegionReader.TryRead(new MemoryStream(Encoding.UTF8.GetBytes(json)), null, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Grid_over_rectangle_has_every_cell_inside_and_locates_points()
    {
        var grid = new ForecastGrid(Region.Rectangle("r", 0, 0, 1000, 500), 100);
        Assert.Equal(10, grid.Columns);
        Assert.Equal(5, grid.Rows);
        Assert.Equal(50, grid.InsideCells.Length);
        Assert.Equal(500_000, grid.InsideArea);
        Assert.Equal(13, grid.CellOf(350, 150));
        Assert.Equal(-1, grid.CellOf(-1, 10));
        Assert.Equal(350, grid.CentreX(13));
        Assert.Equal(150, grid.CentreY(13));
        Assert.Equal(2, grid.CellsForArea(25_000));
    }

    [Fact]
    public void Grid_excludes_cells_whose_centre_is_in_a_hole()
    {
        var region = Read(PolygonWithHole).Regions[0];
        var grid = new ForecastGrid(region, 1);
        Assert.Equal(96, grid.InsideCells.Length);
        Assert.False(grid.IsInside(grid.CellOf(5.5, 5.5)));
    }

    [Fact]
    public void Erf_matches_tabulated_values()
    {
        // Abramowitz and Stegun, Table 7.1: erf(0.5) = 0.5204998778, erf(1) = 0.8427007929, erf(2) = 0.9953222650.
        Assert.Equal(0.5204998778, GaussianSmoother.Erf(0.5), 6);
        Assert.Equal(0.8427007929, GaussianSmoother.Erf(1), 6);
        Assert.Equal(-0.9953222650, GaussianSmoother.Erf(-2), 6);
    }

    [Fact]
    public void Smoother_preserves_mass_and_spreads_symmetrically()
    {
        var values = new double[41 * 41];
        values[(20 * 41) + 20] = 1;
        GaussianSmoother.Smooth(values, 41, 41, 2);
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }

        Assert.Equal(1, sum, 9);
        Assert.Equal(values[(20 * 41) + 17], values[(20 * 41) + 23], 12);
        Assert.Equal(values[(17 * 41) + 20], values[(20 * 41) + 23], 12);
        Assert.True(values[(20 * 41) + 20] > values[(20 * 41) + 22]);
    }
}
