using Vigil.Alerting.Cap.Authoring;
using Vigil.Alerting.Cap;
using Vigil.Alerting.Geo;

namespace Vigil.Alerting.Tests.Geo;

public sealed class SubscriberIndexTests
{
    private static readonly GeoPoint[] Square =
    [
        new(45.50, -122.70), new(45.50, -122.60), new(45.60, -122.60), new(45.60, -122.70), new(45.50, -122.70),
    ];

    [Fact]
    public void Point_inside_matches_and_point_outside_does_not()
    {
        var index = new SubscriberIndexBuilder()
            .AddPoint(1, new GeoPoint(45.55, -122.65))
            .AddPoint(2, new GeoPoint(45.65, -122.65))
            .Build();
        var matches = new List<int>();
        index.Match(new AlertFootprint().AddPolygon(Square), matches);
        Assert.Equal([1], matches);
    }

    [Fact]
    public void Area_subscription_that_only_overlaps_the_edge_matches()
    {
        // A 2 km circle centred 1 km east of the square's east edge reaches into it; a 0.5 km one does not.
        var east = new GeoPoint(45.55, -122.60 + (1.0 / GeoMath.KmPerDegreeLon(45.55)));
        var index = new SubscriberIndexBuilder()
            .AddCircle(10, new GeoCircle(east, 2))
            .AddCircle(11, new GeoCircle(east, 0.5))
            .AddPolygon(12, [new(45.59, -122.61), new(45.59, -122.55), new(45.65, -122.55), new(45.65, -122.61), new(45.59, -122.61)])
            .Build();
        var matches = new List<int>();
        index.Match(new AlertFootprint().AddPolygon(Square), matches);
        Assert.Equal([10, 12], matches.Order());
    }

    [Fact]
    public void Subscriber_under_two_overlapping_shapes_is_reported_once()
    {
        var index = new SubscriberIndexBuilder()
            .AddPoint(1, new GeoPoint(45.55, -122.65))
            .AddCircle(2, new GeoCircle(new GeoPoint(45.55, -122.65), 1))
            .Build(cellDegrees: 0.01);
        var footprint = new AlertFootprint().AddPolygon(Square).AddCircle(new GeoCircle(new GeoPoint(45.55, -122.65), 3));
        var matches = new List<int>();
        index.Match(footprint, matches);
        Assert.Equal([1, 2], matches.Order());
    }

    [Fact]
    public void Footprint_of_a_built_alert_reaches_residents_in_its_polygon()
    {
        var builder = CapAlertBuilder.Alert("a@city.example", "ID-1", new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero))
            .Classify(CapUrgency.Immediate, CapSeverity.Severe, CapCertainty.Observed, CapCategory.CBRNE)
            .AddText(new CapText("en-US", "Chemical plume", "Shelter in place", "Plume"))
            .AddPolygon("Square", Square[..4]);
        Assert.True(builder.TryBuild(out var alert, out _));
        var index = new SubscriberIndexBuilder().AddPoint(7, new GeoPoint(45.51, -122.69)).AddPoint(8, new GeoPoint(45.49, -122.69)).Build();
        var matches = new List<int>();
        index.Match(AlertFootprint.Of(alert!), matches);
        Assert.Equal([7], matches);
    }

    /// <summary>The grid must give exactly the naive scan's answer, on random subscriptions and alert shapes.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Index_agrees_with_a_full_scan_on_random_data(int seed)
    {
        var random = new Random(seed);
        var builder = new SubscriberIndexBuilder();
        for (var i = 0; i < 20000; i++)
        {
            var lat = 45.4 + (random.NextDouble() * 0.3);
            var lon = -122.8 + (random.NextDouble() * 0.4);
            switch (random.Next(10))
            {
                case 0:
                    builder.AddCircle(i, new GeoCircle(new GeoPoint(lat, lon), random.NextDouble() * 3));
                    break;
                case 1:
                    var d = random.NextDouble() * 0.03;
                    builder.AddPolygon(i, [new(lat, lon), new(lat + d, lon), new(lat + d, lon + d), new(lat, lon + (d / 2)), new(lat, lon)]);
                    break;
                default:
                    builder.AddPoint(i, new GeoPoint(lat, lon));
                    break;
            }
        }

        var index = builder.Build();
        for (var q = 0; q < 20; q++)
        {
            var footprint = new AlertFootprint();
            var cLat = 45.4 + (random.NextDouble() * 0.3);
            var cLon = -122.8 + (random.NextDouble() * 0.4);
            var ring = new GeoPoint[9];
            for (var k = 0; k < 8; k++)
            {
                var angle = k * Math.PI / 4;
                var r = 0.02 + (random.NextDouble() * 0.08);
                ring[k] = new GeoPoint(cLat + (r * Math.Sin(angle)), cLon + (r * Math.Cos(angle)));
            }

            ring[8] = ring[0];
            footprint.AddPolygon(ring);
            if (random.Next(2) == 0)
            {
                footprint.AddCircle(new GeoCircle(new GeoPoint(cLat + 0.05, cLon), 1 + (random.NextDouble() * 5)));
            }

            var fast = new List<int>();
            var slow = new List<int>();
            index.Match(footprint, fast);
            index.MatchByScan(footprint, slow);
            Assert.NotEmpty(slow);
            Assert.Equal(slow.Order(), fast.Order());
        }
    }
}
