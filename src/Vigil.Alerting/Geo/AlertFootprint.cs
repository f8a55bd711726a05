using Vigil.Alerting.Cap;

namespace Vigil.Alerting.Geo;

/// <summary>
/// The located part of an alert: the union of its polygons and circles (CAP 1.2 §3.2.4: multiple shapes in an area,
/// and multiple areas in an info block, add up). Areas given only by geocodes cannot be matched geometrically and are
/// counted in <see cref="UnlocatedAreas"/>.
/// </summary>
public sealed class AlertFootprint
{
    private readonly List<GeoPoint[]> _polygons = [];
    private readonly List<GeoBox> _polygonBoxes = [];
    private readonly List<GeoCircle> _circles = [];
    private readonly List<GeoBox> _circleBoxes = [];

    public int PolygonCount => _polygons.Count;

    public int CircleCount => _circles.Count;

    public int UnlocatedAreas { get; private set; }

    public bool IsEmpty => _polygons.Count == 0 && _circles.Count == 0;

    public ReadOnlySpan<GeoPoint> Polygon(int i) => _polygons[i];

    public GeoBox PolygonBox(int i) => _polygonBoxes[i];

    public GeoCircle Circle(int i) => _circles[i];

    public GeoBox CircleBox(int i) => _circleBoxes[i];

    public AlertFootprint AddPolygon(ReadOnlySpan<GeoPoint> ring)
    {
        _polygons.Add(ring.ToArray());
        _polygonBoxes.Add(GeoShapes.BoxOf(ring));
        return this;
    }

    public AlertFootprint AddCircle(GeoCircle circle)
    {
        _circles.Add(circle);
        _circleBoxes.Add(GeoBox.Around(circle));
        return this;
    }

    /// <summary>The footprint of every area of every info block; shapes that break Section 3 are skipped.</summary>
    public static AlertFootprint Of(CapAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var footprint = new AlertFootprint();
        var ring = new List<GeoPoint>();
        foreach (var info in alert.Infos)
        {
            foreach (var area in info.Areas)
            {
                var located = false;
                foreach (var polygon in area.Polygons)
                {
                    ring.Clear();
                    if (CapGeometry.TryParsePolygon(polygon, ring, out _))
                    {
                        footprint.AddPolygon(ring.ToArray());
                        located = true;
                    }
                }

                foreach (var circle in area.Circles)
                {
                    if (CapGeometry.TryParseCircle(circle, out var c, out _))
                    {
                        footprint.AddCircle(c);
                        located = true;
                    }
                }

                if (!located)
                {
                    footprint.UnlocatedAreas++;
                }
            }
        }

        return footprint;
    }

    /// <summary>Whether a point lies in any shape whose index (polygons first, then circles) is below <paramref name="before"/>.</summary>
    internal bool ContainsBefore(int before, double lat, double lon)
    {
        for (var s = 0; s < before; s++)
        {
            if (ShapeContains(s, lat, lon))
            {
                return true;
            }
        }

        return false;
    }

    internal int ShapeCount => _polygons.Count + _circles.Count;

    internal GeoBox ShapeBox(int s) => s < _polygons.Count ? _polygonBoxes[s] : _circleBoxes[s - _polygons.Count];

    internal bool ShapeContains(int s, double lat, double lon)
    {
        if (!ShapeBox(s).Contains(lat, lon))
        {
            return false;
        }

        return s < _polygons.Count
            ? GeoShapes.Contains(_polygons[s], lat, lon)
            : GeoShapes.Contains(_circles[s - _polygons.Count], lat, lon);
    }

    internal bool ShapeIntersects(int s, GeoCircle circle) =>
        s < _polygons.Count
            ? GeoShapes.Intersects(circle, _polygons[s])
            : GeoShapes.Intersects(_circles[s - _polygons.Count], circle);

    internal bool ShapeIntersects(int s, ReadOnlySpan<GeoPoint> ring) =>
        s < _polygons.Count
            ? GeoShapes.Intersects(_polygons[s], ring)
            : GeoShapes.Intersects(_circles[s - _polygons.Count], ring);
}
