namespace Vigil.Detection.Correlation;

/// <summary>When alarms belong to the same incident.</summary>
public sealed record CorrelationOptions
{
    /// <summary>Alarms within this distance of an open incident may join it.</summary>
    public double RadiusMetres { get; init; } = 1000;

    /// <summary>…if the incident saw activity within this window.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(20);

    /// <summary>
    /// Groups of incident types that are one event on the ground: a running crowd next to a gunshot, a power fault
    /// next to a fire. Types not listed correlate only with themselves.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> RelatedTypes { get; init; } = [];
}
