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

    public int EffectivePartitions => Partitions > 0 ? Partitions : Math.Max(2, Environment.ProcessorCount);
}
