using Vigil.Routing;
using Vigil.Routing.Import;
using Vigil.Server.Routing;
using Vigil.Simulation;
using DomainPoint = Vigil.Domain.Geo.GeoPoint;
using RoadPoint = Vigil.Routing.Geo.GeoPoint;

namespace Vigil.Cli.Commands.Routing;

/// <summary>The road network <c>vigil demo</c> routes on: its own synthetic streets, or an imported city.</summary>
internal static class DemoRoadNetwork
{
    /// <summary>The generated city's streets: avenues and boulevards as primary roads, the rest residential.</summary>
    public static RoadNetworkSource FromStreets(CityModel city)
    {
        ArgumentNullException.ThrowIfNull(city);
        return new RoadNetworkSource($"the streets of {city.Name}", () =>
        {
            var network = new StreetNetwork();
            foreach (var street in city.Streets)
            {
                var points = new RoadPoint[street.Points.Count];
                for (var i = 0; i < points.Length; i++)
                {
                    points[i] = new RoadPoint(street.Points[i].Lat, street.Points[i].Lon);
                }

                network.Add(points, street.Arterial ? "primary" : "residential", street.Name);
            }

            return RoutingEngine.Create(network.Build());
        });
    }

    /// <summary>An imported graph file, loaded now so that the city can be placed on it.</summary>
    public static bool TryFromFile(string path, out RoadNetworkSource? source, out DomainPoint centre, out string error)
    {
        source = null;
        centre = default;
        if (!GraphLoader.TryLoad(path, out var engine, out error) || engine is null)
        {
            return false;
        }

        centre = MedianNode(engine);
        source = new RoadNetworkSource(Path.GetFileName(path), () => engine);
        return true;
    }

    /// <summary>
    /// The median junction position: inside the road network even for a coastline or a country with islands, where
    /// the centre of the bounding box may be at sea.
    /// </summary>
    private static DomainPoint MedianNode(RoutingEngine engine)
    {
        var graph = engine.Graph;
        var lats = new double[graph.NodeCount];
        var lons = new double[graph.NodeCount];
        for (var v = 0; v < graph.NodeCount; v++)
        {
            var p = graph.NodePosition(v);
            lats[v] = p.Lat;
            lons[v] = p.Lon;
        }

        Array.Sort(lats);
        Array.Sort(lons);
        var median = new RoadPoint(lats[lats.Length / 2], lons[lons.Length / 2]);
        return engine.TrySnap(median, out var snap, 50_000) ? new DomainPoint(snap.Point.Lat, snap.Point.Lon) : new DomainPoint(median.Lat, median.Lon);
    }
}
