using System.Buffers;
using Vigil.Domain.Geo;

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

    /// <summary>Where the device said it was when it sent the batch, if it said (checked against its registered place).</summary>
    public GeoPoint? ReportedLocation { get; init; }

    /// <summary>
    /// A hash of the network address the batch came from (0 when unknown), set by the host that received it, so the
    /// pipeline can tell one key used from several places at once.
    /// </summary>
    public ulong OriginHash { get; set; }

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
