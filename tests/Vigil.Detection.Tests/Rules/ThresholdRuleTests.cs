using Vigil.Detection.Rules;
using Vigil.Domain.Devices;

namespace Vigil.Detection.Tests.Rules;

public sealed class ThresholdRuleTests
{
    private const long T0 = 1_800_000_000_000;

    private static readonly QuantitySpec[] Level = [new("level_cm", "cm")];

    private static RuleBook Book(TimeSpan minDuration, ThresholdDirection direction = ThresholdDirection.Above, double raiseAt = 80, double clearAt = 60) =>
        new([
            new RuleDefinition
            {
                Id = "flood-level",
                Type = RuleType.Threshold,
                DeviceKind = DeviceKind.Flood,
                Quantity = "level_cm",
                Direction = direction,
                RaiseAt = raiseAt,
                ClearAt = clearAt,
                MinDuration = minDuration,
                IncidentType = "flood",
            },
        ]);

    private static List<RuleSignal> Feed(RuleBook book, DeviceRuleState state, params (long OffsetMs, double Value)[] points)
    {
        var signals = new List<RuleSignal>();
        foreach (var (offset, value) in points)
        {
            book.Observe(state, 0, T0 + offset, value, signals);
        }

        return signals;
    }

    [Fact]
    public void Value_at_raise_level_with_zero_duration_raises_once()
    {
        var book = Book(TimeSpan.Zero);
        var state = book.Bind(7, DeviceKind.Flood, Level, T0);

        var signals = Feed(book, state, (0, 50), (1000, 80), (2000, 95), (3000, 90));

        var raise = Assert.Single(signals);
        Assert.Equal(RuleSignalKind.Raise, raise.Kind);
        Assert.Equal(7, raise.DeviceOrdinal);
        Assert.Equal(0, raise.QuantityIndex);
        Assert.Equal(T0 + 1000, raise.TimestampMs);
        Assert.Equal(80, raise.Value);
        Assert.True(state.AnyRaised);
    }

    [Fact]
    public void Value_between_clear_and_raise_levels_neither_raises_nor_clears()
    {
        var book = Book(TimeSpan.Zero);
        var state = book.Bind(1, DeviceKind.Flood, Level, T0);

        // Hovering just under the raise level must not raise.
        Assert.Empty(Feed(book, state, (0, 79.9), (1000, 70), (2000, 79.99)));

        // Once raised, hovering around the raise level (but above the clear level) must not flap.
        var signals = Feed(book, state, (3000, 81), (4000, 79), (5000, 81), (6000, 61), (7000, 85), (8000, 60.01));
        var raise = Assert.Single(signals);
        Assert.Equal(RuleSignalKind.Raise, raise.Kind);
        Assert.True(state.AnyRaised);
    }

    [Fact]
    public void Value_back_at_clear_level_clears_and_a_new_crossing_raises_again()
    {
        var book = Book(TimeSpan.Zero);
        var state = book.Bind(1, DeviceKind.Flood, Level, T0);

        var signals = Feed(book, state, (0, 90), (1000, 70), (2000, 60), (3000, 55), (4000, 100));

        Assert.Equal([RuleSignalKind.Raise, RuleSignalKind.Clear, RuleSignalKind.Raise], signals.Select(s => s.Kind));
        Assert.Equal(T0 + 2000, signals[1].TimestampMs);
        Assert.Equal(60, signals[1].Value);
        Assert.True(state.AnyRaised);
    }

    [Fact]
    public void Below_direction_raises_at_or_under_the_level_and_clears_at_or_over_the_clear_level()
    {
        var book = Book(TimeSpan.Zero, ThresholdDirection.Below, raiseAt: 207, clearAt: 216);
        var state = book.Bind(1, DeviceKind.Flood, Level, T0);

        var signals = Feed(book, state, (0, 230), (1000, 207), (2000, 210), (3000, 215.9), (4000, 216));

        Assert.Equal([RuleSignalKind.Raise, RuleSignalKind.Clear], signals.Select(s => s.Kind));
        Assert.Equal(T0 + 1000, signals[0].TimestampMs);
        Assert.Equal(T0 + 4000, signals[1].TimestampMs);
        Assert.False(state.AnyRaised);
    }

    [Fact]
    public void Minimum_duration_raises_only_once_the_condition_held_that_long_in_observation_time()
    {
        var book = Book(TimeSpan.FromSeconds(30));
        var state = book.Bind(1, DeviceKind.Flood, Level, T0);

        Assert.Empty(Feed(book, state, (0, 85), (10_000, 90), (29_999, 88)));
        Assert.False(state.AnyRaised);

        var raise = Assert.Single(Feed(book, state, (30_000, 86)));
        Assert.Equal(RuleSignalKind.Raise, raise.Kind);
        Assert.Equal(T0 + 30_000, raise.TimestampMs);
    }

    [Fact]
    public void Minimum_duration_restarts_after_a_dip_below_the_raise_level()
    {
        var book = Book(TimeSpan.FromSeconds(30));
        var state = book.Bind(1, DeviceKind.Flood, Level, T0);

        // Over for 20 s, one dip, then over again: the 30 s count starts at the second crossing (t = 25 s).
        Assert.Empty(Feed(book, state, (0, 85), (20_000, 85), (22_000, 79), (25_000, 85), (40_000, 85), (54_999, 85)));

        var raise = Assert.Single(Feed(book, state, (55_000, 85)));
        Assert.Equal(T0 + 55_000, raise.TimestampMs);
    }

    [Fact]
    public void Minimum_duration_counts_observation_time_not_number_of_readings()
    {
        var book = Book(TimeSpan.FromSeconds(30));
        var state = book.Bind(1, DeviceKind.Flood, Level, T0);

        // Two readings 31 s apart are enough; a thousand within one second are not.
        var burst = new (long, double)[1000];
        for (var i = 0; i < burst.Length; i++)
        {
            burst[i] = (i, 90);
        }

        Assert.Empty(Feed(book, state, burst));
        var other = book.Bind(2, DeviceKind.Flood, Level, T0);
        Assert.Single(Feed(book, other, (0, 90), (31_000, 90)));
    }

    [Fact]
    public void Quantity_the_rule_does_not_watch_is_ignored()
    {
        var book = Book(TimeSpan.Zero);
        var state = book.Bind(1, DeviceKind.Flood, [new QuantitySpec("battery", "V"), new QuantitySpec("level_cm", "cm")], T0);
        var signals = new List<RuleSignal>();

        book.Observe(state, 0, T0, 500, signals);
        Assert.Empty(signals);

        book.Observe(state, 1, T0 + 1, 500, signals);
        Assert.Equal(1, Assert.Single(signals).QuantityIndex);
    }

    [Fact]
    public void Rule_for_another_device_kind_is_not_bound()
    {
        var book = Book(TimeSpan.Zero);
        var state = book.Bind(1, DeviceKind.Water, Level, T0);

        Assert.Empty(Feed(book, state, (0, 500)));
        Assert.False(state.AnyRaised);
    }

    [Fact]
    public void Each_device_keeps_its_own_state()
    {
        var book = Book(TimeSpan.FromSeconds(30));
        var a = book.Bind(1, DeviceKind.Flood, Level, T0);
        var b = book.Bind(2, DeviceKind.Flood, Level, T0);

        Assert.Empty(Feed(book, a, (0, 90)));
        Assert.Empty(Feed(book, b, (29_000, 90)));
        Assert.Equal(1, Assert.Single(Feed(book, a, (30_000, 90))).DeviceOrdinal);
        Assert.Empty(Feed(book, b, (30_000, 90)));
    }
}
