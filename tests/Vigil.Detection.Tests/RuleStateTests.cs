using System.Buffers;
using Vigil.Detection.Neighbours;
using Vigil.Detection.Rules;
using Vigil.Domain.Alarms;
using Vigil.Domain.Devices;
using Vigil.Domain.Geo;

namespace Vigil.Detection.Tests;

/// <summary>
/// A device's rule state written mid-stream and read into a fresh binding continues with identical signals and bands;
/// bytes written under other rules are refused; the neighbour index finds sensors of the same quantity within reach.
/// </summary>
public sealed class RuleStateTests
{
    private const long StepMs = 5 * 60_000;
    private static readonly long StartMs = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private static readonly QuantitySpec[] Feeder = [new("voltage", "V")];

    private static readonly RuleDefinition[] Rules =
    [
        new()
        {
            Id = "voltage-anomaly",
            Type = RuleType.Anomaly,
            Quantity = "voltage",
            LearningPoints = 576,
            RaiseAt = 0.99,
            ClearAt = 0.5,
        },
        new()
        {
            Id = "voltage-stuck",
            Type = RuleType.Flatline,
            Quantity = "voltage",
            MinDuration = TimeSpan.FromMinutes(30),
            MinReadings = 5,
            Category = AlarmCategory.DeviceFault,
        },
        new() { Id = "dropout", Type = RuleType.Dropout, Category = AlarmCategory.DeviceFault },
        new() { Id = "rate", Type = RuleType.MessageRate, RaiseAt = 5, Category = AlarmCategory.Security },
    ];

    [Fact]
    public void State_restored_mid_stream_continues_with_identical_signals_and_bands()
    {
        var book = new RuleBook(Rules);
        var original = book.Bind(1, DeviceKind.PowerGrid, Feeder, StartMs);
        var random = new Random(3);
        var values = new double[1600];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = 230 + (4 * Math.Sin(2 * Math.PI * i / 288)) + (0.5 * ((random.NextDouble() * 2) - 1));
        }

        values[1200] = 250;
        for (var i = 1300; i < 1320; i++)
        {
            values[i] = 231;
        }

        var ignored = new List<RuleSignal>();
        for (var i = 0; i < 1000; i++)
        {
            book.Observe(original, 0, StartMs + (i * StepMs), values[i], ignored);
        }

        var bytes = new ArrayBufferWriter<byte>();
        book.WriteState(original, bytes);
        var restored = book.Bind(1, DeviceKind.PowerGrid, Feeder, 0);
        Assert.True(book.TryReadState(restored, bytes.WrittenSpan));
        Assert.Equal(original.LastSeenMs, restored.LastSeenMs);

        var fromOriginal = new List<RuleSignal>();
        var fromRestored = new List<RuleSignal>();
        for (var i = 1000; i < values.Length; i++)
        {
            book.Observe(original, 0, StartMs + (i * StepMs), values[i], fromOriginal);
            book.Observe(restored, 0, StartMs + (i * StepMs), values[i], fromRestored);
            Assert.True(book.TryGetExpectedBand(original, 0, out var expected));
            Assert.True(book.TryGetExpectedBand(restored, 0, out var actual));
            Assert.Equal(expected, actual);
        }

        Assert.Equal(fromOriginal, fromRestored);
        Assert.Contains(fromOriginal, s => s.Kind == RuleSignalKind.Raise && s.Value == 250);
        Assert.Contains(fromOriginal, s => s.Kind == RuleSignalKind.Raise && book[s.RuleIndex].Id == "voltage-stuck");
    }

    [Fact]
    public void State_written_under_other_rules_or_damaged_is_refused_and_changes_nothing()
    {
        var book = new RuleBook(Rules);
        var state = book.Bind(1, DeviceKind.PowerGrid, Feeder, StartMs);
        var signals = new List<RuleSignal>();
        for (var i = 0; i < 50; i++)
        {
            book.Observe(state, 0, StartMs + (i * StepMs), 230 + (i % 3), signals);
        }

        var bytes = new ArrayBufferWriter<byte>();
        book.WriteState(state, bytes);

        var renamed = new RuleBook([Rules[0] with { Id = "other-anomaly" }, Rules[1], Rules[2], Rules[3]]);
        var fresh = renamed.Bind(1, DeviceKind.PowerGrid, Feeder, 7);
        Assert.False(renamed.TryReadState(fresh, bytes.WrittenSpan));
        Assert.Equal(7, fresh.LastSeenMs);

        var truncated = book.Bind(1, DeviceKind.PowerGrid, Feeder, 7);
        Assert.False(book.TryReadState(truncated, bytes.WrittenSpan[..^3]));
        Assert.Equal(7, truncated.LastSeenMs);
    }

    [Fact]
    public void Neighbour_index_finds_sensors_of_the_quantity_within_the_radius_and_tracks_changes()
    {
        var index = new NeighbourIndex();
        var centre = new GeoPoint(44.49, 11.34);
        var self = index.Register(1, centre, ["pm25"]);
        index.Register(2, centre.Offset(600, 0), ["pm25", "no2"]);
        index.Register(3, centre.Offset(0, 1500), ["pm25"]);
        index.Register(4, centre.Offset(-300, 300), ["speed"]);
        var version = index.Version;

        Assert.Equal([2], Array.ConvertAll(index.Near(self, "pm25", 1000), n => n.Sensor.Ordinal));
        Assert.Equal([2, 3], Array.ConvertAll(index.Near(self, "pm25", 2000), n => n.Sensor.Ordinal).Order());

        index.Register(3, centre.Offset(0, 200), ["pm25"]);
        Assert.NotEqual(version, index.Version);
        Assert.Equal([2, 3], Array.ConvertAll(index.Near(self, "pm25", 1000), n => n.Sensor.Ordinal).Order());

        index.Remove(2);
        Assert.Equal([3], Array.ConvertAll(index.Near(self, "pm25", 1000), n => n.Sensor.Ordinal));
    }
}
