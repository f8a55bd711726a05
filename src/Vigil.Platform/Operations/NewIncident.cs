using Vigil.Domain.Geo;

namespace Vigil.Platform.Operations;

/// <summary>An incident a person opens by hand, from a phone call for instance.</summary>
public sealed record NewIncident(string Type, int Priority, GeoPoint Location, string Title, string? Note);
