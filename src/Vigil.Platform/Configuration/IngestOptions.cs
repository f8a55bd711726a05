using System.ComponentModel.DataAnnotations;

namespace Vigil.Platform.Configuration;

/// <summary>Limits of the observation ingest (section "Vigil:Ingest").</summary>
public sealed class IngestOptions
{
    public const string Section = "Vigil:Ingest";

    [Range(1, 100_000)]
    public int MaxObservationsPerBatch { get; set; } = 10_000;

    [Range(1024, 64 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>How far ahead of the server clock an observation may be (clock skew of field devices).</summary>
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How old an observation may be when it arrives (devices that buffered while offline).</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Observations accepted but not yet through the rules. Past this the ingest answers 503 with Retry-After, so a
    /// surge costs senders a retry instead of costing the server its memory.
    /// </summary>
    [Range(1000, 100_000_000)]
    public int MaxInFlightObservations { get; set; } = 2_000_000;

    /// <summary>
    /// How long a stored batch may stay unconfirmed by the bus before the outbox publishes it again. Longer than any
    /// publish should take (a confirm waits on a quorum write), short enough that a stranded batch still counts as live.
    /// </summary>
    public TimeSpan RepublishAfter { get; set; } = TimeSpan.FromSeconds(30);
}
