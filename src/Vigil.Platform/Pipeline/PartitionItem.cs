using Vigil.Platform.Ingest;

namespace Vigil.Platform.Pipeline;

/// <summary>
/// Work for one partition: a stored batch to run through the rules (with the bus partition it came through, or
/// <see cref="Local"/>), a clock tick for silence checks, a question about the rule state the partition owns, a
/// failed authentication of one of its devices, a message without observations that shows one of its devices is
/// alive (then <paramref name="TickMs"/> is the message's own time and <paramref name="ActivityValue"/> its size), a
/// request to snapshot its detector state to storage, or a hand-over of the devices owned through one bus partition.
/// </summary>
internal readonly record struct PartitionItem(
    IngestBatch? Batch,
    long TickMs,
    BandQuery? Query = null,
    DeviceEntry? FailedDevice = null,
    bool Snapshot = false,
    int Owner = PartitionItem.Local,
    HandOverRequest? HandOver = null,
    DeviceEntry? ActiveDevice = null,
    double ActivityValue = 0)
{
    /// <summary>A batch from the in-process bus: this node owns every partition, always.</summary>
    public const int Local = -1;

    /// <summary>State held for a device this node does not own (only its failed authentications are counted here).</summary>
    public const int NotOwned = -2;
}
