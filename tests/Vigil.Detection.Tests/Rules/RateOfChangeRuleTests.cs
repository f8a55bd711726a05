using Vigil.Detection.Rules;
using Vigil.Domain.Devices;

namespace Vigil.Detection.Tests.Rules;

public sealed class RateOfChangeRuleTests
{
    private const long T0 = 1_800_000_000_000;

    private static readonly QuantitySpec[] Level = [new("level_cm", "cm")];

    // Raises at 10 cm/min, clears at 2 cm/min or less, measured over at least one minute.
    private static readonly RuleBook Book = new([
        new RuleDefinition
        {
            Id = "flood-rising-fast",
            Type = RuleType.RateOfChange,
            DeviceKind = DeviceKind.Flood,
            Quantity = "level_cm",
            Window = TimeSpan.FromMinutes(1),
            RaiseAt = 10,
            ClearAt = 2,
            IncidentType = "flood",
        },
    ]);

    private static List<RuleSignal> Feed(DeviceRuleState state, params (long OffsetMs, double Value)[] points)
    {
        var signals = new List<RuleSignal>();
        foreach (var (offset, value) in points)
        {
            Book.Observe(state, 0, T0 + offset, value, signals);
        }

        return signals;
    }

    [Fact]
    public void Noise_between_readings_shorter_than_the_window_does_not_raise()
    {
        var state = Book.Bind(1, DeviceKind.Flood, Level, T0);

        // Jumps of 5 cm a second apart would be 300 cm/min; over the one-minute window the level has not moved.
        var points = new List<(long, double)>();
        for (var s = 0; s <= 120; s++)
        {
            points.Add((s * 1000L, s % 2 == 0 ? 40 : 45));
        }

        Assert.Empty(Feed(state, [.. points]));
        Assert.False(state.AnyRaised);
    }

    [Fact]
    public void Change_faster_than_the_limit_over_the_window_raises()
    {
        var state = Book.Bind(1, DeviceKind.Flood, Level, T0);

        var signals = Feed(state, (0, 40), (30_000, 45), (60_000, 52));

        var raise = Assert.Single(signals);
        Assert.Equal(RuleSignalKind.Raise, raise.Kind);
        Assert.Equal(T0 + 60_000, raise.TimestampMs);
        Assert.Equal(52, raise.Value);
    }

    [Fact]
    public void Falling_as_fast_as_the_limit_also_raises()
    {
        var state = Book.Bind(1, DeviceKind.Flood, Level, T0);

        Assert.Equal(RuleSignalKind.Raise, Assert.Single(Feed(state, (0, 60), (120_000, 40))).Kind);
    }

    [Fact]
    public void Change_below_the_limit_does_not_raise()
    {
        var state = Book.Bind(1, DeviceKind.Flood, Level, T0);

        // 9.9 cm in one minute, then 19 cm in two minutes: both under 10 cm/min.
        Assert.Empty(Feed(state, (0, 40), (60_000, 49.9), (180_000, 68.9)));
    }

    [Fact]
    public void Rate_back_under_the_clear_limit_clears_and_in_between_holds()
    {
        var state = Book.Bind(1, DeviceKind.Flood, Level, T0);

        // +20/min raises, +5/min lies between the limits and holds, +1/min clears.
        var signals = Feed(state, (0, 40), (60_000, 60), (120_000, 65), (180_000, 66));

        Assert.Equal([RuleSignalKind.Raise, RuleSignalKind.Clear], signals.Select(s => s.Kind));
        Assert.Equal(T0 + 180_000, signals[1].TimestampMs);
        Assert.False(state.AnyRaised);
    }

    [Fact]
    public void Reading_older_than_the_last_one_is_ignored()
    {
        var state = Book.Bind(1, DeviceKind.Flood, Level, T0);

        // A late reading from before the first must not produce a rate.
        Assert.Empty(Feed(state, (120_000, 40), (0, 90), (180_000, 45)));
    }
}
