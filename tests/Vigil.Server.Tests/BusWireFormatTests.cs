using Vigil.Detection.Rules;
using Vigil.Domain.Devices;
using Vigil.Domain.Geo;
using Vigil.Messaging.RabbitMq;
using Vigil.Platform.Ingest;
using Vigil.Platform.Ports;

namespace Vigil.Server.Tests;

/// <summary>The binary bodies Vigil nodes exchange over RabbitMQ: what one node writes, another reads back unchanged.</summary>
public sealed class BusWireFormatTests
{
    private static readonly DeviceEntry Device = new(42, new Device
    {
        Id = "acoustic-7",
        Name = "Acoustic 7",
        Kind = DeviceKind.Acoustic,
        Location = new GeoPoint(45.52, -122.68),
        AgencyId = "city",
        Quantities = [new QuantitySpec("impulse_db", "dB")],
        KeyHash = new string('0', 64),
        RegisteredAt = DateTimeOffset.UnixEpoch,
    });

    [Fact]
    public void Batch_round_trips_with_its_id_device_arrival_and_rows()
    {
        var rows = IngestBatch.RentRows(3);
        rows[0] = new ObservationRow(1_700_000_000_000, 0, 60.5);
        rows[1] = new ObservationRow(1_700_000_000_001, 0, double.NaN);
        rows[2] = new ObservationRow(1_700_000_000_002, 0, -0.25);
        var batch = new IngestBatch("b-é-1", Device, rows, 3, 0);
        var body = new byte[WireFormat.BatchSize(batch)];

        var length = WireFormat.WriteBatch(batch, 1_700_000_000_123, body);

        Assert.Equal(body.Length, length);
        Assert.True(WireFormat.TryReadBatchHeader(body, out var ordinal, out var received, out var batchId, out var count, out var offset));
        Assert.Equal((42, 1_700_000_000_123L, "b-é-1", 3), (ordinal, received, batchId, count));
        var read = new ObservationRow[count];
        WireFormat.ReadRows(body.AsSpan(offset), read);
        Assert.Equal(batch.Rows.ToArray(), read);
        batch.Release();
    }

    [Fact]
    public void Truncated_or_foreign_batch_is_refused()
    {
        var rows = IngestBatch.RentRows(1);
        rows[0] = new ObservationRow(1, 0, 1);
        var batch = new IngestBatch("b", Device, rows, 1, 0);
        var body = new byte[WireFormat.BatchSize(batch)];
        WireFormat.WriteBatch(batch, 0, body);
        batch.Release();

        Assert.False(WireFormat.TryReadBatchHeader(body.AsSpan(0, body.Length - 1), out _, out _, out _, out _, out _));
        body[0] = 99;
        Assert.False(WireFormat.TryReadBatchHeader(body, out _, out _, out _, out _, out _));
    }

    [Fact]
    public void Signals_round_trip_including_the_expected_band()
    {
        RuleSignal[] signals =
        [
            new(RuleSignalKind.Raise, 3, 42, 0, 1_700_000_000_000, 141.5),
            new(RuleSignalKind.Clear, 1, 42, 0, 1_700_000_000_500, 20, 10, 30),
        ];

        var body = WireFormat.WriteSignals(42, 1_700_000_000_900, signals);

        Assert.True(WireFormat.TryReadSignals(body, out var ordinal, out var received, out var read));
        Assert.Equal((42, 1_700_000_000_900L), (ordinal, received));
        Assert.Equal(signals, read);
        Assert.False(WireFormat.TryReadSignals(body.AsSpan(0, body.Length - 8), out _, out _, out _));
    }

    [Fact]
    public void Feed_records_round_trip_with_their_sequence_time_and_offset()
    {
        FeedRecord[] records =
        [
            new(7, "alarm.raised", new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(2)), "{\"a\":1}"),
            new(8, "incident.created", new DateTimeOffset(2026, 11, 23, 8, 0, 1, TimeSpan.Zero), "{\"b\":\"ü\"}"),
        ];

        Assert.True(WireFormat.TryReadFeed(WireFormat.WriteFeed(records), out var read));

        Assert.Equal(records, read);
        Assert.Equal(records[0].At.Offset, read[0].At.Offset);
    }

    [Fact]
    public void Unknown_arrival_time_stays_unknown_across_nodes()
    {
        Assert.Equal(0, WireFormat.ToUnixMs(0, TimeProvider.System));
        Assert.Equal(0, WireFormat.FromUnixMs(0, TimeProvider.System));
        Assert.NotEqual(0, WireFormat.FromUnixMs(WireFormat.ToUnixMs(System.Diagnostics.Stopwatch.GetTimestamp(), TimeProvider.System), TimeProvider.System));
    }
}
