namespace Vigil.Alerting.Cap;

/// <summary>
/// CAP 1.2 §3.2.4 <c>area</c>. Polygons and circles are kept as the text the document carries, so that a document that
/// breaks the Section 3 geometry rules can still be read, reported on and written back unchanged; use
/// <see cref="Geo.CapGeometry"/> to parse them.
/// </summary>
public sealed record CapArea
{
    public required string AreaDesc { get; init; }

    public IReadOnlyList<string> Polygons { get; init; } = [];

    public IReadOnlyList<string> Circles { get; init; } = [];

    public IReadOnlyList<CapValuePair> Geocodes { get; init; } = [];

    /// <summary>Altitude in feet above mean sea level (WGS 84 datum).</summary>
    public decimal? Altitude { get; init; }

    /// <summary>Maximum altitude in feet; only meaningful together with <see cref="Altitude"/>.</summary>
    public decimal? Ceiling { get; init; }
}
