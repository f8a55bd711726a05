using Vigil.Platform.Ingest;

namespace Vigil.Platform.Pipeline;

/// <summary>
/// Work for one partition: a stored batch to run through the rules, a clock tick for silence checks, a question
/// about the rule state the partition owns, a failed authentication of one of its devices, a message without
/// observations that shows one of its devices is alive (then <paramref name="TickMs"/> is the message's own time and
/// <paramref name="ActivityValue"/> its size), or a request to snapshot its detector state to storage.
/// </summary>
internal readonly record struct PartitionItem(
    IngestBatch? Batch,
    long TickMs,
    BandQuery? Query = null,
    DeviceEntry? FailedDevice = null,
    bool Snapshot = false,
    DeviceEntry? ActiveDevice = null,
    double ActivityValue = 0);
