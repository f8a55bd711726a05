using Vigil.CameraAnalytics.Geometry;

namespace Vigil.CameraAnalytics.Tests.Geometry;

public sealed class HomographyTests
{
    // A plausible street camera: ground x, y in metres from image pixels, with strong perspective.
    private static readonly double[] Truth = [0.02, 0.001, -6.0, 0.0005, -0.05, 30.0, 0.00001, 0.002, 1.0];

    private static PointPair Pair(double u, double v)
    {
        var w = (Truth[6] * u) + (Truth[7] * v) + Truth[8];
        return new PointPair(u, v, ((Truth[0] * u) + (Truth[1] * v) + Truth[2]) / w, ((Truth[3] * u) + (Truth[4] * v) + Truth[5]) / w);
    }

    [Fact]
    public void TryFit_four_exact_pairs_recovers_the_map()
    {
        var pairs = new[] { Pair(100, 400), Pair(1800, 420), Pair(1500, 900), Pair(200, 1000) };
        Assert.True(Homography.TryFit(pairs, out var h, out var error), error);
        var expected = Pair(960, 700);
        Assert.True(h!.TryMap(960, 700, out var x, out var y));
        Assert.Equal(expected.GroundX, x, 6);
        Assert.Equal(expected.GroundY, y, 6);
        Assert.True(h.RmsErrorMetres < 1e-6);
    }

    [Fact]
    public void TryFit_many_noisy_pairs_is_a_least_squares_fit()
    {
        var rng = new Random(7);
        var pairs = new List<PointPair>();
        for (var i = 0; i < 30; i++)
        {
            var p = Pair(100 + (rng.NextDouble() * 1700), 400 + (rng.NextDouble() * 600));
            pairs.Add(p with { GroundX = p.GroundX + ((rng.NextDouble() - 0.5) * 0.1), GroundY = p.GroundY + ((rng.NextDouble() - 0.5) * 0.1) });
        }

        Assert.True(Homography.TryFit(pairs, out var h, out var error), error);
        Assert.InRange(h!.RmsErrorMetres, 0.005, 0.06);
        var expected = Pair(900, 650);
        Assert.True(h.TryMap(900, 650, out var x, out var y));
        Assert.Equal(expected.GroundX, x, 1);
        Assert.Equal(expected.GroundY, y, 1);
    }

    [Fact]
    public void TryFit_three_pairs_fails_with_reason()
    {
        Assert.False(Homography.TryFit([Pair(0, 400), Pair(10, 500), Pair(30, 600)], out _, out var error));
        Assert.Contains("at least 4", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryFit_collinear_pairs_fail_as_degenerate()
    {
        var pairs = new[] { Pair(100, 400), Pair(200, 500), Pair(300, 600), Pair(400, 700) };
        Assert.False(Homography.TryFit(pairs, out _, out var error));
        Assert.Contains("degenerate", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryMap_point_beyond_horizon_fails()
    {
        var pairs = new[] { Pair(100, 400), Pair(1800, 420), Pair(1500, 900), Pair(200, 1000) };
        Assert.True(Homography.TryFit(pairs, out var h, out _));

        // w = 1e-5 u + 2e-3 v + 1 vanishes on the horizon line v = -(1 + 1e-5 u) / 2e-3, i.e. about v = -500 near u = 0.
        Assert.False(h!.TryMap(0, -600, out _, out _));
    }

    [Fact]
    public void CameraModel_ground_point_maps_to_wgs84_near_origin()
    {
        var camera = new CameraModel("cam-1", 1920, 1080, 25, groundOrigin: new GeoPoint(52.52, 13.405));
        Assert.True(camera.TryToGeo(100, 0, out var east));
        Assert.True(camera.TryToGeo(0, 100, out var north));

        // 100 m is 1/1111.95 of a degree of latitude; longitude degrees shrink by cos(latitude).
        Assert.Equal(52.52 + 0.000899322, north.Latitude, 8);
        Assert.Equal(13.405 + (0.000899322 / Math.Cos(52.52 * Math.PI / 180)), east.Longitude, 7);
        Assert.False(camera.TryToGround(10, 10, out _, out _));
    }
}
