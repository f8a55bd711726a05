using Vigil.Platform.Ingest;

namespace Vigil.Platform.Pipeline;

/// <summary>
/// Work for one partition: a stored batch to run through the rules, a clock tick for silence checks, a question
/// about the rule state the partition owns, a failed authentication of one of its devices, or a request to snapshot
/// its detector state to storage.
/// </summary>
internal readonly record struct PartitionItem(
    IngestBatch? Batch, long TickMs, BandQuery? Query = null, DeviceEntry? FailedDevice = null, bool Snapshot = false);
