using Vigil.Domain.Alarms;
using Vigil.Platform.Contracts;

namespace Vigil.Platform.Operations;

/// <summary>
/// A period of a health-count series that exceeded its method's bound, and where to show it (the district's centre).
/// Part of a <see cref="DeskCommand"/>, so it travels as JSON to the node that holds the desk.
/// </summary>
public sealed record OutbreakSignal(OutbreakEvidence Evidence, GeoView Location);
