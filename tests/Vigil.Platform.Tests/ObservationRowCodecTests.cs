using Vigil.Platform.Ingest;

namespace Vigil.Platform.Tests;

/// <summary>
/// The outbox keeps unpublished batches' rows in this format in storage, so a batch stored by one version must be
/// readable by the next: the bytes are frozen here.
/// </summary>
public sealed class ObservationRowCodecTests
{
    [Fact]
    public void Row_is_twenty_little_endian_bytes_of_quantity_time_and_value()
    {
        // 2026-01-05T00:00:00Z is 1,767,571,200,000 ms; the hex below was worked out independently with Python's
        // struct.pack('<iqd', 2, 1767571200000, -2.5).
        var bytes = ObservationRowCodec.Encode([new ObservationRow(1_767_571_200_000, 2, -2.5)]);
        Assert.Equal("020000000018748B9B01000000000000000004C0", Convert.ToHexString(bytes));
    }

    [Fact]
    public void Rows_round_trip_and_a_partial_row_is_refused()
    {
        ObservationRow[] rows = [new(1, 0, 0.1), new(long.MaxValue, int.MaxValue, double.NaN), new(-5, 7, double.NegativeInfinity)];
        var bytes = ObservationRowCodec.Encode(rows);
        Assert.True(ObservationRowCodec.TryCount(bytes, out var count));
        Assert.Equal(3, count);
        var back = new ObservationRow[count];
        ObservationRowCodec.Decode(bytes, back);
        Assert.Equal(rows, back);
        Assert.False(ObservationRowCodec.TryCount(bytes.AsSpan(0, 30), out _));
    }
}
