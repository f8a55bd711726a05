using Vigil.Forecasting.Data;
using Vigil.Forecasting.Geo;

namespace Vigil.Server.Forecasting;

/// <summary>
/// Incidents, boundary and districts on one planar CRS, with where they came from: the file or store, the SHA-256 of
/// exactly what was read (for the audit record) and the operator's label for the data.
/// </summary>
public sealed record ForecastHistory(
    IncidentSet Incidents,
    Region Boundary,
    IReadOnlyList<Region> Districts,
    Projection Projection,
    string Source,
    byte[] Content,
    string? Label);
