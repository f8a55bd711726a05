using System.Buffers;

namespace Vigil.Platform.Ingest;

/// <summary>
/// A validated batch of one device's observations. Its rows live in a pooled array that the last consumer returns.
/// </summary>
public sealed class IngestBatch
{
    private readonly Action? _onReleased;
    private ObservationRow[]? _rows;

    /// <param name="onReleased">Runs once the last consumer has released the batch: a bus acknowledges its message then.</param>
    public IngestBatch(string batchId, DeviceEntry device, ObservationRow[] rows, int count, long receivedTimestamp, Action? onReleased = null)
    {
        _onReleased = onReleased;
        BatchId = batchId;
        Device = device;
        _rows = rows;
        Count = count;
        ReceivedTimestamp = receivedTimestamp;
    }

    public string BatchId { get; }

    public DeviceEntry Device { get; }

    public int Count { get; }

    /// <summary><see cref="System.Diagnostics.Stopwatch"/> timestamp of the request's arrival, for latency metrics.</summary>
    public long ReceivedTimestamp { get; }

    public ReadOnlySpan<ObservationRow> Rows =>
        _rows is { } rows ? rows.AsSpan(0, Count) : throw new ObjectDisposedException(nameof(IngestBatch));

    public static ObservationRow[] RentRows(int count) => ArrayPool<ObservationRow>.Shared.Rent(count);

    public void Release()
    {
        var rows = Interlocked.Exchange(ref _rows, null);
        if (rows is not null)
        {
            ArrayPool<ObservationRow>.Shared.Return(rows);
            _onReleased?.Invoke();
        }
    }
}
