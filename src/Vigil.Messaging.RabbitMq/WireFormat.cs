using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using Vigil.Detection.Rules;
using Vigil.Platform.Ingest;
using Vigil.Platform.Ports;

namespace Vigil.Messaging.RabbitMq;

/// <summary>
/// The binary bodies Vigil nodes exchange. Little-endian, fixed-width, with a leading format byte so that a rolling
/// upgrade can tell versions apart. Stopwatch timestamps do not cross processes, so an arrival time travels as Unix
/// milliseconds and is turned back into a local Stopwatch timestamp on receipt (clock skew between nodes shows up in
/// the latency metric only).
/// </summary>
internal static class WireFormat
{
    public const byte BatchFormat = 1;
    public const byte SignalFormat = 1;
    public const byte FeedFormat = 1;
    private const int RowSize = 8 + 4 + 8;
    private const int SignalSize = 1 + 4 + 4 + 4 + 8 + 8 + 8 + 8;

    public static int BatchSize(IngestBatch batch) => 1 + 4 + 8 + 2 + Encoding.UTF8.GetByteCount(batch.BatchId) + 4 + (batch.Count * RowSize);

    public static int WriteBatch(IngestBatch batch, long receivedUnixMs, Span<byte> destination)
    {
        destination[0] = BatchFormat;
        BinaryPrimitives.WriteInt32LittleEndian(destination[1..], batch.Device.Ordinal);
        BinaryPrimitives.WriteInt64LittleEndian(destination[5..], receivedUnixMs);
        var idLength = Encoding.UTF8.GetBytes(batch.BatchId, destination[15..]);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[13..], checked((ushort)idLength));
        var offset = 15 + idLength;
        BinaryPrimitives.WriteInt32LittleEndian(destination[offset..], batch.Count);
        offset += 4;
        foreach (ref readonly var row in batch.Rows)
        {
            BinaryPrimitives.WriteInt64LittleEndian(destination[offset..], row.TimestampMs);
            BinaryPrimitives.WriteInt32LittleEndian(destination[(offset + 8)..], row.QuantityIndex);
            BinaryPrimitives.WriteDoubleLittleEndian(destination[(offset + 12)..], row.Value);
            offset += RowSize;
        }

        return offset;
    }

    /// <summary>Reads a batch header; the rows follow at <paramref name="rowsOffset"/>.</summary>
    public static bool TryReadBatchHeader(ReadOnlySpan<byte> body, out int ordinal, out long receivedUnixMs, out string batchId, out int count, out int rowsOffset)
    {
        ordinal = 0;
        receivedUnixMs = 0;
        batchId = string.Empty;
        count = 0;
        rowsOffset = 0;
        if (body.Length < 19 || body[0] != BatchFormat)
        {
            return false;
        }

        ordinal = BinaryPrimitives.ReadInt32LittleEndian(body[1..]);
        receivedUnixMs = BinaryPrimitives.ReadInt64LittleEndian(body[5..]);
        int idLength = BinaryPrimitives.ReadUInt16LittleEndian(body[13..]);
        if (body.Length < 19 + idLength)
        {
            return false;
        }

        batchId = Encoding.UTF8.GetString(body.Slice(15, idLength));
        count = BinaryPrimitives.ReadInt32LittleEndian(body[(15 + idLength)..]);
        rowsOffset = 19 + idLength;
        return count >= 0 && body.Length == rowsOffset + (count * RowSize);
    }

    public static void ReadRows(ReadOnlySpan<byte> rows, Span<ObservationRow> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            var at = rows[(i * RowSize)..];
            destination[i] = new ObservationRow(
                BinaryPrimitives.ReadInt64LittleEndian(at),
                BinaryPrimitives.ReadInt32LittleEndian(at[8..]),
                BinaryPrimitives.ReadDoubleLittleEndian(at[12..]));
        }
    }

    public static byte[] WriteSignals(int ordinal, long receivedUnixMs, RuleSignal[] signals)
    {
        var body = new byte[1 + 4 + 8 + 4 + (signals.Length * SignalSize)];
        body[0] = SignalFormat;
        BinaryPrimitives.WriteInt32LittleEndian(body.AsSpan(1), ordinal);
        BinaryPrimitives.WriteInt64LittleEndian(body.AsSpan(5), receivedUnixMs);
        BinaryPrimitives.WriteInt32LittleEndian(body.AsSpan(13), signals.Length);
        var offset = 17;
        foreach (var signal in signals)
        {
            var at = body.AsSpan(offset);
            at[0] = (byte)signal.Kind;
            BinaryPrimitives.WriteInt32LittleEndian(at[1..], signal.RuleIndex);
            BinaryPrimitives.WriteInt32LittleEndian(at[5..], signal.DeviceOrdinal);
            BinaryPrimitives.WriteInt32LittleEndian(at[9..], signal.QuantityIndex);
            BinaryPrimitives.WriteInt64LittleEndian(at[13..], signal.TimestampMs);
            BinaryPrimitives.WriteDoubleLittleEndian(at[21..], signal.Value);
            BinaryPrimitives.WriteDoubleLittleEndian(at[29..], signal.ExpectedLow);
            BinaryPrimitives.WriteDoubleLittleEndian(at[37..], signal.ExpectedHigh);
            offset += SignalSize;
        }

        return body;
    }

    public static bool TryReadSignals(ReadOnlySpan<byte> body, out int ordinal, out long receivedUnixMs, out RuleSignal[] signals)
    {
        ordinal = 0;
        receivedUnixMs = 0;
        signals = [];
        if (body.Length < 17 || body[0] != SignalFormat)
        {
            return false;
        }

        ordinal = BinaryPrimitives.ReadInt32LittleEndian(body[1..]);
        receivedUnixMs = BinaryPrimitives.ReadInt64LittleEndian(body[5..]);
        var count = BinaryPrimitives.ReadInt32LittleEndian(body[13..]);
        if (count < 0 || body.Length != 17 + (count * SignalSize))
        {
            return false;
        }

        signals = new RuleSignal[count];
        for (var i = 0; i < count; i++)
        {
            var at = body[(17 + (i * SignalSize))..];
            signals[i] = new RuleSignal(
                (RuleSignalKind)at[0],
                BinaryPrimitives.ReadInt32LittleEndian(at[1..]),
                BinaryPrimitives.ReadInt32LittleEndian(at[5..]),
                BinaryPrimitives.ReadInt32LittleEndian(at[9..]),
                BinaryPrimitives.ReadInt64LittleEndian(at[13..]),
                BinaryPrimitives.ReadDoubleLittleEndian(at[21..]),
                BinaryPrimitives.ReadDoubleLittleEndian(at[29..]),
                BinaryPrimitives.ReadDoubleLittleEndian(at[37..]));
        }

        return true;
    }

    public static byte[] WriteFeed(IReadOnlyList<FeedRecord> records)
    {
        var size = 1 + 4;
        foreach (var record in records)
        {
            size += 8 + 8 + 2 + 4 + Encoding.UTF8.GetByteCount(record.Type) + 4 + Encoding.UTF8.GetByteCount(record.Json);
        }

        var body = new byte[size];
        body[0] = FeedFormat;
        BinaryPrimitives.WriteInt32LittleEndian(body.AsSpan(1), records.Count);
        var offset = 5;
        foreach (var record in records)
        {
            BinaryPrimitives.WriteInt64LittleEndian(body.AsSpan(offset), record.Seq);
            BinaryPrimitives.WriteInt64LittleEndian(body.AsSpan(offset + 8), record.At.UtcTicks);
            BinaryPrimitives.WriteInt16LittleEndian(body.AsSpan(offset + 16), (short)record.At.Offset.TotalMinutes);
            offset += 18;
            offset += WriteString(record.Type, body.AsSpan(offset));
            offset += WriteString(record.Json, body.AsSpan(offset));
        }

        return body;
    }

    public static bool TryReadFeed(ReadOnlySpan<byte> body, out FeedRecord[] records)
    {
        records = [];
        if (body.Length < 5 || body[0] != FeedFormat)
        {
            return false;
        }

        var count = BinaryPrimitives.ReadInt32LittleEndian(body[1..]);
        if (count < 0 || count > body.Length)
        {
            return false;
        }

        var read = new FeedRecord[count];
        var offset = 5;
        for (var i = 0; i < count; i++)
        {
            if (body.Length < offset + 18)
            {
                return false;
            }

            var seq = BinaryPrimitives.ReadInt64LittleEndian(body[offset..]);
            var ticks = BinaryPrimitives.ReadInt64LittleEndian(body[(offset + 8)..]);
            var minutes = BinaryPrimitives.ReadInt16LittleEndian(body[(offset + 16)..]);
            offset += 18;
            if (!TryReadString(body, ref offset, out var type) || !TryReadString(body, ref offset, out var json))
            {
                return false;
            }

            var offsetSpan = TimeSpan.FromMinutes(minutes);
            read[i] = new FeedRecord(seq, type, new DateTimeOffset(ticks + offsetSpan.Ticks, offsetSpan), json);
        }

        records = read;
        return offset == body.Length;
    }

    /// <summary>Unix milliseconds of a local Stopwatch arrival timestamp; 0 stays 0 (unknown).</summary>
    public static long ToUnixMs(long stopwatchTimestamp, TimeProvider time) =>
        stopwatchTimestamp == 0 ? 0 : time.GetUtcNow().ToUnixTimeMilliseconds() - (long)Stopwatch.GetElapsedTime(stopwatchTimestamp).TotalMilliseconds;

    /// <summary>A local Stopwatch timestamp for an arrival given in Unix milliseconds; 0 stays 0 (unknown).</summary>
    public static long FromUnixMs(long unixMs, TimeProvider time)
    {
        if (unixMs == 0)
        {
            return 0;
        }

        var ageMs = Math.Max(0, time.GetUtcNow().ToUnixTimeMilliseconds() - unixMs);
        return Math.Max(1, Stopwatch.GetTimestamp() - (ageMs * Stopwatch.Frequency / 1000));
    }

    private static int WriteString(string value, Span<byte> destination)
    {
        var length = Encoding.UTF8.GetBytes(value, destination[4..]);
        BinaryPrimitives.WriteInt32LittleEndian(destination, length);
        return 4 + length;
    }

    private static bool TryReadString(ReadOnlySpan<byte> body, ref int offset, out string value)
    {
        value = string.Empty;
        if (body.Length < offset + 4)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(body[offset..]);
        if (length < 0 || body.Length < offset + 4 + length)
        {
            return false;
        }

        value = Encoding.UTF8.GetString(body.Slice(offset + 4, length));
        offset += 4 + length;
        return true;
    }
}
