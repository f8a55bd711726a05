using System.ComponentModel.DataAnnotations;

namespace Vigil.Platform.Configuration;

/// <summary>The detection pipeline (section "Vigil:Pipeline").</summary>
public sealed class PipelineOptions
{
    public const string Section = "Vigil:Pipeline";

    /// <summary>Partitions, each owned by one worker; 0 means one per processor.</summary>
    [Range(0, 256)]
    public int Partitions { get; set; }

    /// <summary>Batches queued per partition before writers wait.</summary>
    [Range(1, 1_000_000)]
    public int PartitionCapacity { get; set; } = 4096;

    /// <summary>How often devices are checked for silence (missing data).</summary>
    public TimeSpan SilenceCheckInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often each partition writes its devices' detector state to storage (it also does at shutdown), bounding
    /// what a crash costs: at most this much learning, never the baselines themselves.
    /// </summary>
    public TimeSpan SnapshotInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Set by a bus whose partitions move between nodes (RabbitMQ). A device's state is then owned only while its
    /// batches arrive through a bus partition this node consumes: it is loaded from its last snapshot when the first
    /// batch arrives, saved when the partition is given up, and only owned state is snapshotted or checked for silence.
    /// </summary>
    public bool SharedPartitions { get; set; }

    public int EffectivePartitions => Partitions > 0 ? Partitions : Math.Max(2, Environment.ProcessorCount);
}
