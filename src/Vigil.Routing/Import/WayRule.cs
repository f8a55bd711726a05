namespace Vigil.Routing.Import;

/// <summary>
/// How a vehicle may use one OSM way: speed in each direction in km/h, 0 where that direction is closed.
/// A positive <paramref name="DurationSeconds"/> (ferries) fixes the time to cross the whole way instead.
/// </summary>
public readonly record struct WayRule(double ForwardKmh, double BackwardKmh, double DurationSeconds = 0)
{
    public bool IsUsable => ForwardKmh > 0 || BackwardKmh > 0;
}
