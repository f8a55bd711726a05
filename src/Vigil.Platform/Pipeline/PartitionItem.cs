using Vigil.Platform.Ingest;

namespace Vigil.Platform.Pipeline;

/// <summary>
/// Work for one partition: a stored batch to run through the rules, a clock tick for silence checks, or a question
/// about the rule state the partition owns.
/// </summary>
internal readonly record struct PartitionItem(IngestBatch? Batch, long TickMs, BandQuery? Query = null);
