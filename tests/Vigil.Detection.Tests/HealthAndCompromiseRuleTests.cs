using Vigil.Detection.Neighbours;
using Vigil.Detection.Rules;
using Vigil.Domain.Alarms;
using Vigil.Domain.Devices;
using Vigil.Domain.Geo;

namespace Vigil.Detection.Tests;

/// <summary>
/// Dropout, late-data, neighbour and compromise rules driven as the partition worker drives them, and the categories
/// their definitions must carry.
/// </summary>
public sealed class HealthAndCompromiseRuleTests
{
    private const long SecondMs = 1000;
    private static readonly long StartMs = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private static readonly QuantitySpec[] Air = [new("pm25", "ug/m3")];
    private static readonly GeoPoint Place = new(44.49, 11.34);

    [Theory]
    [InlineData(RuleType.Dropout)]
    [InlineData(RuleType.LateData)]
    [InlineData(RuleType.NeighbourDisagreement)]
    public void Sensor_health_rules_must_be_device_faults(RuleType type)
    {
        var rule = new RuleDefinition { Id = "r", Type = type, Quantity = "pm25", RaiseAt = 5, Category = AlarmCategory.Emergency, IncidentType = "fire" };
        Assert.Contains("DeviceFault", rule.Validate(), StringComparison.Ordinal);
        Assert.Null((rule with { Category = AlarmCategory.DeviceFault }).Validate());
    }

    [Theory]
    [InlineData(RuleType.AuthFailureBurst)]
    [InlineData(RuleType.KeySpread)]
    [InlineData(RuleType.LocationDrift)]
    public void Compromise_rules_must_be_security_alarms(RuleType type)
    {
        var rule = new RuleDefinition { Id = "r", Type = type, Category = AlarmCategory.DeviceFault };
        Assert.Contains("Security", rule.Validate(), StringComparison.Ordinal);
        Assert.Null((rule with { Category = AlarmCategory.Security }).Validate());
    }

    [Fact]
    public void Dropout_raises_on_a_gap_of_many_usual_intervals_and_clears_on_the_next_regular_reading()
    {
        var book = new RuleBook([new RuleDefinition { Id = "dropout", Type = RuleType.Dropout, Category = AlarmCategory.DeviceFault }]);
        var state = book.Bind(1, DeviceKind.AirQuality, Air, StartMs);
        var signals = new List<RuleSignal>();
        for (var i = 0; i < 10; i++)
        {
            book.Observe(state, 0, StartMs + (i * 10 * SecondMs), 10, signals);
        }

        Assert.Empty(signals);
        var afterGap = StartMs + (9 * 10 * SecondMs) + (120 * SecondMs);
        book.Observe(state, 0, afterGap, 10, signals);
        var raised = Assert.Single(signals);
        Assert.Equal((RuleSignalKind.Raise, 120.0, 10.0), (raised.Kind, raised.Value, raised.ExpectedHigh));

        signals.Clear();
        book.Observe(state, 0, afterGap + (10 * SecondMs), 10, signals);
        Assert.Equal(RuleSignalKind.Clear, Assert.Single(signals).Kind);
    }

    [Fact]
    public void Late_data_raises_when_received_long_after_it_was_taken_and_clears_when_on_time()
    {
        var book = new RuleBook([new RuleDefinition { Id = "late", Type = RuleType.LateData, Category = AlarmCategory.DeviceFault }]);
        var state = book.Bind(1, DeviceKind.AirQuality, Air, StartMs);
        var signals = new List<RuleSignal>();
        book.Observe(state, 0, StartMs, 10, StartMs + (60 * SecondMs), signals);
        Assert.Empty(signals);
        book.Observe(state, 0, StartMs + SecondMs, 10, StartMs + (601 * SecondMs), signals);
        Assert.Equal((RuleSignalKind.Raise, 600.0, 120.0), (signals[0].Kind, signals[0].Value, signals[0].ExpectedHigh));
        book.Observe(state, 0, StartMs + (700 * SecondMs), 10, StartMs + (701 * SecondMs), signals);
        Assert.Equal(RuleSignalKind.Clear, signals[1].Kind);
    }

    [Fact]
    public void Neighbour_disagreement_raises_only_after_it_lasts_and_gives_the_neighbours_band()
    {
        var book = new RuleBook([new RuleDefinition
        {
            Id = "pm25-neighbours",
            Type = RuleType.NeighbourDisagreement,
            Quantity = "pm25",
            RaiseAt = 5,
            MinSpread = 3,
            MinDuration = TimeSpan.FromMinutes(15),
            Category = AlarmCategory.DeviceFault,
        }]);
        var index = new NeighbourIndex();
        var neighbours = new DeviceRuleState[3];
        for (var n = 0; n < neighbours.Length; n++)
        {
            neighbours[n] = book.Bind(n + 2, DeviceKind.AirQuality, Air, StartMs, Place.Offset(100 * (n + 1), 0), index);
        }

        var odd = book.Bind(1, DeviceKind.AirQuality, Air, StartMs, Place, index);
        var signals = new List<RuleSignal>();
        var raisedAtMinute = -1;
        for (var minute = 0; minute <= 20; minute++)
        {
            var at = StartMs + (minute * 60 * SecondMs);
            for (var n = 0; n < neighbours.Length; n++)
            {
                book.Observe(neighbours[n], 0, at, 10 + n, signals);
            }

            // The neighbours agree with one another: whatever is in the list came from the odd sensor.
            Assert.Equal(raisedAtMinute < 0 ? 0 : 1, signals.Count);
            book.Observe(odd, 0, at, 45, signals);
            if (signals.Count > 0 && raisedAtMinute < 0)
            {
                raisedAtMinute = minute;
            }
        }

        Assert.Equal(15, raisedAtMinute);
        var raised = Assert.Single(signals);
        Assert.Equal((-4.0, 26.0), (raised.ExpectedLow, raised.ExpectedHigh));
    }

    [Fact]
    public void Auth_failure_burst_raises_at_the_limit_and_clears_once_a_window_passes_quietly()
    {
        var book = new RuleBook([new RuleDefinition { Id = "auth", Type = RuleType.AuthFailureBurst, Failures = 5, Category = AlarmCategory.Security }]);
        var state = book.Bind(1, DeviceKind.AirQuality, Air, StartMs, Place, null);
        var signals = new List<RuleSignal>();
        for (var i = 0; i < 4; i++)
        {
            book.ObserveAuthFailure(state, StartMs + (i * SecondMs), signals);
        }

        Assert.Empty(signals);
        book.ObserveAuthFailure(state, StartMs + (4 * SecondMs), signals);
        Assert.Equal(RuleSignalKind.Raise, Assert.Single(signals).Kind);
        book.ObserveRequest(state, StartMs + (30 * SecondMs), 7, null, signals);
        Assert.Single(signals);
        book.ObserveRequest(state, StartMs + (70 * SecondMs), 7, null, signals);
        Assert.Equal(RuleSignalKind.Clear, signals[1].Kind);
    }

    [Fact]
    public void Key_spread_and_location_drift_raise_and_clear_with_what_the_requests_show()
    {
        var book = new RuleBook(
        [
            new RuleDefinition { Id = "spread", Type = RuleType.KeySpread, MaxPlaces = 2, Window = TimeSpan.FromMinutes(10), Category = AlarmCategory.Security },
            new RuleDefinition { Id = "drift", Type = RuleType.LocationDrift, RadiusMetres = 500, Category = AlarmCategory.Security },
        ]);
        var state = book.Bind(1, DeviceKind.AirQuality, Air, StartMs, Place, null);
        var signals = new List<RuleSignal>();
        book.ObserveRequest(state, StartMs, 1, Place.Offset(100, 0), signals);
        book.ObserveRequest(state, StartMs + SecondMs, 2, null, signals);
        Assert.Empty(signals);
        book.ObserveRequest(state, StartMs + (2 * SecondMs), 3, Place.Offset(3000, 0), signals);
        Assert.Equal(["spread", "drift"], signals.ConvertAll(s => book[s.RuleIndex].Id));
        Assert.InRange(signals[1].Value, 2990, 3010);

        signals.Clear();
        book.ObserveRequest(state, StartMs + (20 * 60 * SecondMs), 1, Place, signals);
        Assert.All(signals, s => Assert.Equal(RuleSignalKind.Clear, s.Kind));
        Assert.Equal(2, signals.Count);
    }
}
