using Vigil.Routing.Geo;

namespace Vigil.Routing.Tests;

public sealed class GeoPolygonTests
{
    [Fact]
    public void Concave_polygon_excludes_its_notch()
    {
        // A U: the square 0..3 with the notch 1..2 × 1..3 cut from the top.
        var u = new GeoPolygon([new(0, 0), new(0, 3), new(3, 3), new(3, 2), new(1, 2), new(1, 1), new(3, 1), new(3, 0), new(0, 0)]);

        Assert.True(u.Contains(new(0.5, 1.5)));
        Assert.True(u.Contains(new(2, 0.5)));
        Assert.True(u.Contains(new(2, 2.5)));
        Assert.False(u.Contains(new(2, 1.5)));
        Assert.False(u.Contains(new(4, 1)));
        Assert.Equal(8, u.Ring.Count);
    }

    [Fact]
    public void Polygon_needs_three_distinct_vertices() =>
        Assert.Throws<ArgumentException>(() => new GeoPolygon([new(0, 0), new(1, 1), new(0, 0)]));
}
