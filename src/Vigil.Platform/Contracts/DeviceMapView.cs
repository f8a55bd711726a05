namespace Vigil.Platform.Contracts;

/// <summary>
/// Every device as the map needs it, in columns: the i-th device is Ids[i] at (Lat[i], Lon[i]), of kind
/// Kinds[Kind[i]] and agency Agencies[Agency[i]]. At 50,000 devices the full list of <see cref="DeviceView"/>s is
/// about 12 MB of JSON that the console parses before it can draw; this is about a sixth of that, and the
/// console fetches one device's full view when an operator opens it.
/// </summary>
public sealed record DeviceMapView(
    IReadOnlyList<string> Ids,
    IReadOnlyList<double> Lat,
    IReadOnlyList<double> Lon,
    IReadOnlyList<string> Kinds,
    IReadOnlyList<int> Kind,
    IReadOnlyList<string> Agencies,
    IReadOnlyList<int> Agency);
