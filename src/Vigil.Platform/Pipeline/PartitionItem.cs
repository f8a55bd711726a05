using Vigil.Platform.Ingest;

namespace Vigil.Platform.Pipeline;

/// <summary>Work for one partition: a stored batch to run through the rules, or a clock tick for silence checks.</summary>
internal readonly record struct PartitionItem(IngestBatch? Batch, long TickMs);
