namespace Vigil.Routing.Geo;

/// <summary>
/// A simple polygon (one outer ring, WGS84). Containment is the even-odd ray-crossing test on the plate carrée
/// plane, exact enough for hazard zones of a few kilometres that do not cross the antimeridian.
/// </summary>
public sealed class GeoPolygon
{
    private readonly GeoPoint[] _ring;
    private readonly double _minLat;
    private readonly double _maxLat;
    private readonly double _minLon;
    private readonly double _maxLon;

    public GeoPolygon(IReadOnlyList<GeoPoint> ring)
    {
        ArgumentNullException.ThrowIfNull(ring);
        var count = ring.Count;

        // GeoJSON closes rings by repeating the first position; the test below needs each vertex once.
        if (count > 1 && ring[0] == ring[count - 1])
        {
            count--;
        }

        if (count < 3)
        {
            throw new ArgumentException("A polygon needs at least three distinct vertices.", nameof(ring));
        }

        _ring = new GeoPoint[count];
        _minLat = double.MaxValue;
        _maxLat = double.MinValue;
        _minLon = double.MaxValue;
        _maxLon = double.MinValue;
        for (var i = 0; i < count; i++)
        {
            var p = ring[i];
            if (!p.IsValid)
            {
                throw new ArgumentException($"Vertex {i} is not a valid coordinate.", nameof(ring));
            }

            _ring[i] = p;
            _minLat = Math.Min(_minLat, p.Lat);
            _maxLat = Math.Max(_maxLat, p.Lat);
            _minLon = Math.Min(_minLon, p.Lon);
            _maxLon = Math.Max(_maxLon, p.Lon);
        }
    }

    public IReadOnlyList<GeoPoint> Ring => _ring;

    public bool Contains(GeoPoint point)
    {
        if (point.Lat < _minLat || point.Lat > _maxLat || point.Lon < _minLon || point.Lon > _maxLon)
        {
            return false;
        }

        var inside = false;
        for (int i = 0, j = _ring.Length - 1; i < _ring.Length; j = i++)
        {
            var a = _ring[i];
            var b = _ring[j];
            if ((a.Lat > point.Lat) != (b.Lat > point.Lat)
                && point.Lon < ((b.Lon - a.Lon) * (point.Lat - a.Lat) / (b.Lat - a.Lat)) + a.Lon)
            {
                inside = !inside;
            }
        }

        return inside;
    }
}
