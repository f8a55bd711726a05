using System.Buffers.Binary;

namespace Vigil.Platform.Ingest;

/// <summary>
/// Batch rows as bytes for the unpublished-batch outbox: 20 bytes a row (quantity index, time in Unix ms, value), little
/// endian. A stable format: rows written by one version are published again by the next.
/// </summary>
public static class ObservationRowCodec
{
    public const int RowSize = 20;

    public static byte[] Encode(ReadOnlySpan<ObservationRow> rows)
    {
        var bytes = new byte[rows.Length * RowSize];
        var span = bytes.AsSpan();
        foreach (ref readonly var row in rows)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span, row.QuantityIndex);
            BinaryPrimitives.WriteInt64LittleEndian(span[4..], row.TimestampMs);
            BinaryPrimitives.WriteDoubleLittleEndian(span[12..], row.Value);
            span = span[RowSize..];
        }

        return bytes;
    }

    /// <summary>The number of rows in <paramref name="bytes"/>; false when it is not a whole number of rows.</summary>
    public static bool TryCount(ReadOnlySpan<byte> bytes, out int count)
    {
        count = bytes.Length / RowSize;
        return bytes.Length % RowSize == 0;
    }

    public static void Decode(ReadOnlySpan<byte> bytes, Span<ObservationRow> into)
    {
        for (var i = 0; i < into.Length; i++)
        {
            var span = bytes.Slice(i * RowSize, RowSize);
            into[i] = new ObservationRow(
                BinaryPrimitives.ReadInt64LittleEndian(span[4..]),
                BinaryPrimitives.ReadInt32LittleEndian(span),
                BinaryPrimitives.ReadDoubleLittleEndian(span[12..]));
        }
    }
}
