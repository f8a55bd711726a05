using Vigil.Domain.Alarms;
using Vigil.Domain.Geo;

namespace Vigil.Platform.Operations;

/// <summary>A period of a health-count series that exceeded its method's bound, and where to show it (the district's centre).</summary>
public sealed record OutbreakSignal(OutbreakEvidence Evidence, GeoPoint Location);
