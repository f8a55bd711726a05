namespace Vigil.Routing.Analysis;

/// <summary>
/// Share of road length within each response time of the nearest station (NFPA 1710 sets 4 minutes of travel for
/// the first engine company and 8 minutes for the full first alarm).
/// </summary>
public sealed record CoverageReport(double TotalMeters, IReadOnlyList<CoverageBand> Bands);

/// <summary>Road length reachable within <paramref name="WithinSeconds"/> and its share of the whole network.</summary>
public readonly record struct CoverageBand(int WithinSeconds, double ReachableMeters, double Share);
