namespace Vigil.Alerting.Geo;

/// <summary>Collects subscriptions (a point, a circle or a polygon per subscriber id) and packs them into a <see cref="SubscriberIndex"/>.</summary>
public sealed class SubscriberIndexBuilder
{
    internal readonly List<int> PointIds = [];
    internal readonly List<GeoPoint> Points = [];
    internal readonly List<int> AreaIds = [];
    internal readonly List<GeoCircle> AreaCircles = [];
    internal readonly List<int> AreaPolygonStart = [];
    internal readonly List<int> AreaPolygonCount = [];
    internal readonly List<GeoPoint> PolygonPoints = [];

    public SubscriberIndexBuilder AddPoint(int subscriberId, GeoPoint point)
    {
        PointIds.Add(subscriberId);
        Points.Add(point);
        return this;
    }

    public SubscriberIndexBuilder AddCircle(int subscriberId, GeoCircle circle)
    {
        AreaIds.Add(subscriberId);
        AreaCircles.Add(circle);
        AreaPolygonStart.Add(-1);
        AreaPolygonCount.Add(0);
        return this;
    }

    /// <summary>Adds a polygon subscription; the ring must be closed (first point repeated last).</summary>
    public SubscriberIndexBuilder AddPolygon(int subscriberId, ReadOnlySpan<GeoPoint> ring)
    {
        if (ring.Length < 4 || ring[0] != ring[^1])
        {
            throw new ArgumentException("A subscription polygon is a closed ring of at least 4 points.", nameof(ring));
        }

        AreaIds.Add(subscriberId);
        AreaCircles.Add(default);
        AreaPolygonStart.Add(PolygonPoints.Count);
        AreaPolygonCount.Add(ring.Length);
        foreach (var p in ring)
        {
            PolygonPoints.Add(p);
        }

        return this;
    }

    /// <param name="cellDegrees">Grid cell size; 0.005° (about 550 m) suits city-scale subscriptions and alert areas.</param>
    public SubscriberIndex Build(double cellDegrees = 0.005) => new(this, cellDegrees);
}
