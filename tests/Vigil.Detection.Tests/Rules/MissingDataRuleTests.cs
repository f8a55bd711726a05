using Vigil.Detection.Rules;
using Vigil.Domain.Alarms;
using Vigil.Domain.Devices;

namespace Vigil.Detection.Tests.Rules;

public sealed class MissingDataRuleTests
{
    private const long T0 = 1_800_000_000_000;
    private const long Minute = 60_000;

    private static readonly QuantitySpec[] Quantities = [new("pm25", "ug/m3")];

    // Applies to every device kind: no DeviceKind given.
    private static readonly RuleBook Book = new([
        new RuleDefinition
        {
            Id = "device-offline",
            Type = RuleType.MissingData,
            MaxSilence = TimeSpan.FromMinutes(5),
            Category = AlarmCategory.DeviceFault,
        },
    ]);

    [Fact]
    public void Silence_up_to_the_limit_raises_nothing()
    {
        var state = Book.Bind(3, DeviceKind.AirQuality, Quantities, T0);
        var signals = new List<RuleSignal>();

        Book.CheckSilence(state, T0 + (5 * Minute), signals);

        Assert.Empty(signals);
    }

    [Fact]
    public void Silence_past_the_limit_raises_once_however_often_it_is_checked()
    {
        var state = Book.Bind(3, DeviceKind.AirQuality, Quantities, T0);
        var signals = new List<RuleSignal>();

        Book.CheckSilence(state, T0 + (5 * Minute) + 1, signals);
        Book.CheckSilence(state, T0 + (6 * Minute), signals);
        Book.CheckSilence(state, T0 + (60 * Minute), signals);

        var raise = Assert.Single(signals);
        Assert.Equal(RuleSignalKind.Raise, raise.Kind);
        Assert.Equal(3, raise.DeviceOrdinal);
        Assert.Equal(-1, raise.QuantityIndex);
        Assert.True(state.AnyRaised);
    }

    [Fact]
    public void Silence_counts_from_the_last_observation()
    {
        var state = Book.Bind(3, DeviceKind.AirQuality, Quantities, T0);
        var signals = new List<RuleSignal>();

        Book.Observe(state, 0, T0 + (4 * Minute), 10, signals);
        Book.CheckSilence(state, T0 + (8 * Minute), signals);
        Assert.Empty(signals);

        Book.CheckSilence(state, T0 + (9 * Minute) + 1, signals);
        Assert.Equal(RuleSignalKind.Raise, Assert.Single(signals).Kind);
    }

    [Fact]
    public void New_observation_clears_the_offline_alarm_and_silence_can_raise_it_again()
    {
        var state = Book.Bind(3, DeviceKind.AirQuality, Quantities, T0);
        var signals = new List<RuleSignal>();
        Book.CheckSilence(state, T0 + (10 * Minute), signals);

        Book.Observe(state, 0, T0 + (11 * Minute), 12, signals);
        Book.Observe(state, 0, T0 + (11 * Minute) + 1000, 12, signals);

        Assert.Equal([RuleSignalKind.Raise, RuleSignalKind.Clear], signals.Select(s => s.Kind));
        Assert.Equal(T0 + (11 * Minute), signals[1].TimestampMs);
        Assert.False(state.AnyRaised);

        Book.CheckSilence(state, T0 + (17 * Minute), signals);
        Assert.Equal(RuleSignalKind.Raise, signals[^1].Kind);
        Assert.Equal(3, signals.Count);
    }

    [Fact]
    public void Late_observation_does_not_move_last_seen_backwards()
    {
        var state = Book.Bind(3, DeviceKind.AirQuality, Quantities, T0);
        var signals = new List<RuleSignal>();

        Book.Observe(state, 0, T0 + (4 * Minute), 10, signals);
        Book.Observe(state, 0, T0 + Minute, 10, signals);

        Assert.Equal(T0 + (4 * Minute), state.LastSeenMs);
    }
}
