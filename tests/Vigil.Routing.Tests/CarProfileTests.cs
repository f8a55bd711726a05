using Vigil.Routing.Import;

namespace Vigil.Routing.Tests;

public sealed class CarProfileTests
{
    [Theory]
    [InlineData("50", 50)]
    [InlineData("30 mph", 48.28032)]
    [InlineData("50 km/h", 50)]
    [InlineData("walk", 6)]
    public void Maxspeed_values_parse_to_kmh(string value, double expected)
    {
        Assert.True(CarProfile.TryParseMaxSpeed(value, out var kmh));
        Assert.Equal(expected, kmh, 4);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("signals")]
    [InlineData("RO:urban")]
    [InlineData("")]
    [InlineData("-5")]
    public void Maxspeed_without_a_number_is_not_used(string value)
    {
        Assert.False(CarProfile.TryParseMaxSpeed(value, out _));
    }

    [Theory]
    [InlineData("00:25", 1500)]
    [InlineData("1:30:15", 5415)]
    [InlineData("45", 2700)]
    [InlineData("PT1H30M", 5400)]
    public void Ferry_duration_parses_to_seconds(string value, double seconds)
    {
        Assert.True(CarProfile.TryParseDuration(value, out var parsed));
        Assert.Equal(seconds, parsed, 6);
    }

    [Fact]
    public void Ferry_with_duration_takes_that_time_whatever_its_length()
    {
        var network = new NetworkBuilder()
            .Node(1, 0, 0).Node(2, 0, 4).Node(3, 0, 40).Node(4, 0, 44)
            .Way(1, "highway=residential", 1, 2)
            .Way(2, "route=ferry motorcar=yes duration=00:20", 2, 3)
            .Way(3, "highway=residential", 3, 4);
        var engine = RoutingEngine.Create(network.Import().Graph);
        var route = RouteHelpers.RouteBetween(engine, network.At(0, 2), network.At(0, 42));

        // 20 minutes of crossing plus two 157 m halves of residential street at 25 km/h (22.6 s each).
        Assert.Equal([1L, 2L, 3L], RouteHelpers.Ways(engine.Graph, route));
        Assert.InRange(route.DurationSeconds, 1200 + 45, 1200 + 46.5);
    }
}
