using Vigil.Domain.Geo;

namespace Vigil.Detection.Correlation;

/// <summary>What the correlator needs to know of an open incident.</summary>
public readonly record struct CorrelationCandidate(long IncidentId, string Type, GeoPoint Location, DateTimeOffset LastActivity);
