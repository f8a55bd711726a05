using Vigil.Domain.Geo;

namespace Vigil.Detection.Neighbours;

/// <summary>
/// A spatial index of registered devices for the neighbour-consensus check: a grid of cells about one kilometre on a
/// side, so finding the sensors within a radius reads only the cells the radius touches instead of every device.
/// Registrations are rare and take a lock; each change bumps <see cref="Version"/>, and a rule binding re-reads its
/// neighbour list only when the version moved, so the per-reading path never touches the lock.
/// </summary>
public sealed class NeighbourIndex
{
    // About 1 km of latitude; longitude cells shrink towards the poles, which only makes the search scan a few more.
    private const double CellDegrees = 0.009;
    private const double MetresPerDegreeLatitude = 111_195.0;

    private readonly Lock _gate = new();
    private readonly Dictionary<(int Row, int Column), List<NeighbourSensor>> _cells = [];
    private readonly Dictionary<int, NeighbourSensor> _byOrdinal = [];
    private int _version;

    /// <summary>Changes whenever a device is added, moved or removed.</summary>
    public int Version => Volatile.Read(ref _version);

    /// <summary>
    /// The sensor of a device, created or replaced when its location or quantities changed. A replaced sensor starts
    /// with no readings, as the device's rule state does when it is registered again.
    /// </summary>
    public NeighbourSensor Register(int ordinal, GeoPoint location, IReadOnlyList<string> quantities)
    {
        ArgumentNullException.ThrowIfNull(quantities);
        lock (_gate)
        {
            if (_byOrdinal.TryGetValue(ordinal, out var known) && known.Location == location && SameQuantities(known, quantities))
            {
                return known;
            }

            if (known is not null)
            {
                _cells[CellOf(known.Location)].Remove(known);
            }

            var sensor = new NeighbourSensor(ordinal, location, [.. quantities]);
            _byOrdinal[ordinal] = sensor;
            var cell = CellOf(location);
            if (!_cells.TryGetValue(cell, out var list))
            {
                _cells[cell] = list = [];
            }

            list.Add(sensor);
            Interlocked.Increment(ref _version);
            return sensor;
        }
    }

    public void Remove(int ordinal)
    {
        lock (_gate)
        {
            if (_byOrdinal.Remove(ordinal, out var known))
            {
                _cells[CellOf(known.Location)].Remove(known);
                Interlocked.Increment(ref _version);
            }
        }
    }

    /// <summary>The other sensors of <paramref name="quantity"/> within <paramref name="radiusMetres"/> of <paramref name="sensor"/>.</summary>
    public NeighbourLink[] Near(NeighbourSensor sensor, string quantity, double radiusMetres)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        var found = new List<NeighbourLink>();
        var reach = (int)Math.Ceiling(radiusMetres / MetresPerDegreeLatitude / CellDegrees);
        var longitudeScale = Math.Max(Math.Cos(double.DegreesToRadians(sensor.Location.Lat)), 0.01);
        var columnReach = (int)Math.Ceiling(reach / longitudeScale);
        var (row, column) = CellOf(sensor.Location);
        lock (_gate)
        {
            for (var r = row - reach; r <= row + reach; r++)
            {
                for (var c = column - columnReach; c <= column + columnReach; c++)
                {
                    if (!_cells.TryGetValue((r, c), out var list))
                    {
                        continue;
                    }

                    foreach (var other in list)
                    {
                        if (other.Ordinal == sensor.Ordinal)
                        {
                            continue;
                        }

                        var q = other.IndexOf(quantity);
                        if (q >= 0 && other.Location.DistanceTo(sensor.Location) <= radiusMetres)
                        {
                            found.Add(new NeighbourLink(other, q));
                        }
                    }
                }
            }
        }

        return [.. found];
    }

    private static (int Row, int Column) CellOf(GeoPoint point) =>
        ((int)Math.Floor(point.Lat / CellDegrees), (int)Math.Floor(point.Lon / CellDegrees));

    private static bool SameQuantities(NeighbourSensor sensor, IReadOnlyList<string> quantities)
    {
        if (sensor.Quantities.Length != quantities.Count)
        {
            return false;
        }

        for (var i = 0; i < quantities.Count; i++)
        {
            if (!string.Equals(sensor.Quantities[i], quantities[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
