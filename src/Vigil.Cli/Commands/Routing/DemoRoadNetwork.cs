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
            return RoutingEngine.Create(Streets(city).Build());
        });
    }

    /// <summary>
    /// The same streets on foot, for guard tours: every street walkable both ways at walking speed. Built on the first
    /// tour, not at start-up; the synthetic city has a few thousand street segments, imported in well under a second.
    /// </summary>
    public static RoadNetworkSource WalkingFromStreets(CityModel city)
    {
        ArgumentNullException.ThrowIfNull(city);
        return new RoadNetworkSource($"the streets of {city.Name}, on foot", () =>
        {
            return RoutingEngine.Create(Streets(city).Build(new FootProfile()));
        });
    }

    /// <summary>
    /// The walking graph for an imported city: <paramref name="walkGraph"/> when given, else the file that
    /// <c>vigil city import --profile foot</c> writes beside <paramref name="roadGraph"/> (<c>x.foot.vgraph</c> beside
    /// <c>x.vgraph</c>) when it is there. Loaded now, so that a broken file stops the demo with a message at start.
    /// False with an error only for a file that is named or present and cannot be read; true with a null source when
    /// there is none.
    /// </summary>
    public static bool TryWalkingFromFile(string? roadGraph, string? walkGraph, out RoadNetworkSource? source, out string error)
    {
        source = null;
        error = string.Empty;
        var path = walkGraph;
        if (path is null && roadGraph is not null && roadGraph.EndsWith(".vgraph", StringComparison.OrdinalIgnoreCase))
        {
            var beside = roadGraph[..^".vgraph".Length] + ".foot.vgraph";
            path = File.Exists(beside) ? beside : null;
        }

        if (path is null)
        {
            return true;
        }

        if (!GraphLoader.TryLoad(path, out var engine, out error) || engine is null)
        {
            return false;
        }

        source = new RoadNetworkSource(Path.GetFileName(path), () => engine);
        return true;
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

    private static StreetNetwork Streets(CityModel city)
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

        return network;
    }

    /// <summary>The median junction, snapped to the network (see <see cref="Vigil.Routing.Graph.RoadGraph.MedianNodePosition"/>).</summary>
    private static DomainPoint MedianNode(RoutingEngine engine)
    {
        var median = engine.Graph.MedianNodePosition();
        return engine.TrySnap(median, out var snap, 50_000) ? new DomainPoint(snap.Point.Lat, snap.Point.Lon) : new DomainPoint(median.Lat, median.Lon);
    }
}
