using Vigil.Detection.Rules;
using Vigil.Domain.Alarms;
using Vigil.Domain.Devices;

namespace Vigil.Detection.Tests;

/// <summary>
/// Learned, sensor-health and compromise rules driven the way the pipeline's partition worker drives them:
/// bind once per device, then one Observe per reading.
/// </summary>
public sealed class LearnedRuleTests
{
    private const long StepMs = 5 * 60_000;
    private static readonly long StartMs = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private static readonly QuantitySpec[] Feeder = [new("voltage", "V")];

    private static readonly RuleDefinition Anomaly = new()
    {
        Id = "voltage-anomaly",
        Type = RuleType.Anomaly,
        DeviceKind = DeviceKind.PowerGrid,
        Quantity = "voltage",
        Detector = "default",
        LearningPoints = 576,
        RaiseAt = 0.99,
        ClearAt = 0.5,
        Severity = Severity.Minor,
    };

    private static readonly RuleDefinition Stuck = new()
    {
        Id = "voltage-stuck",
        Type = RuleType.Flatline,
        Quantity = "voltage",
        MinDuration = TimeSpan.FromMinutes(30),
        MinReadings = 5,
        Category = AlarmCategory.DeviceFault,
    };

    private static readonly RuleDefinition Impossible = new()
    {
        Id = "voltage-impossible",
        Type = RuleType.ImpossibleValue,
        Quantity = "voltage",
        Category = AlarmCategory.DeviceFault,
    };

    private static double Voltage(int i, Random random) =>
        230 + (4 * Math.Sin(2 * Math.PI * i / 288)) + (0.5 * ((random.NextDouble() * 2) - 1));

    [Fact]
    public void Anomaly_rule_raises_with_the_expected_band_and_clears_when_back_inside()
    {
        var book = new RuleBook([Anomaly]);
        var state = book.Bind(1, DeviceKind.PowerGrid, Feeder, StartMs);
        var signals = new List<RuleSignal>();
        var random = new Random(1);
        const int onset = 2000;
        for (var i = 0; i < onset; i++)
        {
            book.Observe(state, 0, StartMs + (i * StepMs), Voltage(i, random), signals);
        }

        var quietBefore = signals.Count;
        book.Observe(state, 0, StartMs + (onset * StepMs), 260, signals);
        Assert.Equal(0, quietBefore);
        var raise = Assert.Single(signals);
        Assert.Equal(RuleSignalKind.Raise, raise.Kind);
        Assert.Equal(260, raise.Value);
        Assert.True(raise.ExpectedLow < raise.ExpectedHigh);
        Assert.InRange(raise.ExpectedHigh, 225, 240);

        for (var i = onset + 1; i < onset + 50 && signals.Count == 1; i++)
        {
            book.Observe(state, 0, StartMs + (i * StepMs), Voltage(i, random), signals);
        }

        Assert.Equal(RuleSignalKind.Clear, signals[^1].Kind);
    }

    [Fact]
    public void Anomaly_rule_is_bound_only_to_its_device_kind()
    {
        var book = new RuleBook([Anomaly]);
        var state = book.Bind(1, DeviceKind.Water, Feeder, StartMs);
        var signals = new List<RuleSignal>();
        for (var i = 0; i < 1000; i++)
        {
            book.Observe(state, 0, StartMs + (i * StepMs), i == 900 ? 1e4 : 230, signals);
        }

        Assert.Empty(signals);
    }

    [Fact]
    public void Flatline_rule_raises_a_device_fault_and_clears_when_the_sensor_moves()
    {
        var book = new RuleBook([Stuck]);
        var state = book.Bind(1, DeviceKind.PowerGrid, Feeder, StartMs);
        var signals = new List<RuleSignal>();
        var random = new Random(2);
        for (var i = 0; i < 100; i++)
        {
            book.Observe(state, 0, StartMs + (i * StepMs), Voltage(i, random), signals);
        }

        Assert.Empty(signals);
        for (var i = 100; i < 110; i++)
        {
            book.Observe(state, 0, StartMs + (i * StepMs), 231.5, signals);
        }

        var raise = Assert.Single(signals);
        Assert.Equal(RuleSignalKind.Raise, raise.Kind);
        Assert.Equal(AlarmCategory.DeviceFault, book[raise.RuleIndex].Category);
        book.Observe(state, 0, StartMs + (110 * StepMs), 229, signals);
        Assert.Equal(RuleSignalKind.Clear, signals[^1].Kind);
    }

    [Fact]
    public void Impossible_value_uses_the_unit_limits_and_gives_them_as_the_band()
    {
        var book = new RuleBook([Impossible]);
        var state = book.Bind(1, DeviceKind.PowerGrid, Feeder, StartMs);
        var signals = new List<RuleSignal>();
        book.Observe(state, 0, StartMs, 231, signals);
        book.Observe(state, 0, StartMs + StepMs, -12, signals);
        var raise = Assert.Single(signals);
        Assert.Equal(-12, raise.Value);
        Assert.Equal(0, raise.ExpectedLow);
        Assert.Equal(1_000_000, raise.ExpectedHigh);
    }

    [Fact]
    public void Impossible_value_without_limits_for_the_unit_binds_nothing()
    {
        var book = new RuleBook([Impossible]);
        var state = book.Bind(1, DeviceKind.PowerGrid, [new QuantitySpec("voltage", "furlong")], StartMs);
        var signals = new List<RuleSignal>();
        book.Observe(state, 0, StartMs, -1e9, signals);
        Assert.Empty(signals);
    }

    [Fact]
    public void Message_rate_jump_raises_a_security_signal()
    {
        var rule = new RuleDefinition
        {
            Id = "message-flood",
            Type = RuleType.MessageRate,
            RaiseAt = 5,
            MinMessages = 20,
            Window = TimeSpan.FromMinutes(1),
            Category = AlarmCategory.Security,
        };
        var book = new RuleBook([rule]);
        var state = book.Bind(1, DeviceKind.PowerGrid, Feeder, StartMs);
        var signals = new List<RuleSignal>();
        for (var i = 0; i < 6 * 60; i++)
        {
            book.Observe(state, 0, StartMs + (i * 10_000), 230, signals);
        }

        Assert.Empty(signals);
        var flood = StartMs + (6 * 60 * 10_000);
        for (var i = 0; i < 200; i++)
        {
            book.Observe(state, 0, flood + (i * 100), 230, signals);
        }

        var raise = Assert.Single(signals);
        Assert.Equal(-1, raise.QuantityIndex);
        Assert.Equal(AlarmCategory.Security, book[raise.RuleIndex].Category);
    }

    [Fact]
    public void Observing_with_learned_rules_allocates_nothing_once_bound()
    {
        var book = new RuleBook([Anomaly, Stuck, Impossible]);
        var state = book.Bind(1, DeviceKind.PowerGrid, Feeder, StartMs);
        var signals = new List<RuleSignal>(16);
        var random = new Random(3);
        for (var i = 0; i < 3000; i++)
        {
            book.Observe(state, 0, StartMs + (i * StepMs), Voltage(i, random), signals);
        }

        signals.Clear();
        var values = new double[2000];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Voltage(3000 + i, random);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < values.Length; i++)
        {
            // The partition worker clears its signal list for every batch, so the list never grows.
            signals.Clear();
            book.Observe(state, 0, StartMs + ((3000 + i) * StepMs), values[i], signals);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData(RuleType.Flatline, AlarmCategory.Emergency)]
    [InlineData(RuleType.ImpossibleValue, AlarmCategory.Security)]
    [InlineData(RuleType.MessageRate, AlarmCategory.DeviceFault)]
    public void Health_and_security_rules_must_carry_their_own_category(RuleType type, AlarmCategory category)
    {
        var rule = new RuleDefinition
        {
            Id = "r",
            Type = type,
            Quantity = "voltage",
            MinDuration = TimeSpan.FromMinutes(1),
            RaiseAt = 5,
            Category = category,
            IncidentType = "power-fault",
        };
        Assert.Contains("category must be", rule.Validate(), StringComparison.Ordinal);
    }

    [Fact]
    public void Anomaly_rule_with_an_unknown_detector_is_rejected()
    {
        var rule = Anomaly with { Detector = "oracle" };
        Assert.Contains("detector must be one of", rule.Validate(), StringComparison.Ordinal);
        Assert.Null(Anomaly.Validate());
    }
}
