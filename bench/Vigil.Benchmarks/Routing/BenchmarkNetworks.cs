using Vigil.Forecasting.Patrol;
using Vigil.Routing;
using Vigil.Routing.Cch;
using Vigil.Routing.Import;
using Vigil.Routing.Snapping;

namespace Vigil.Benchmarks.Routing;

/// <summary>The networks the routing and planning benchmarks run on, and the steps they share.</summary>
internal static class BenchmarkNetworks
{
    /// <summary>
    /// An OSM extract from the shared data (VIGIL_DATA, default ../shared/data) imported with <paramref name="profile"/>,
    /// or a synthetic <paramref name="side"/> × <paramref name="side"/> grid when the data folder is absent.
    /// </summary>
    public static RoutingEngine Load(string extract, TravelProfile profile, int side)
    {
        var data = Environment.GetEnvironmentVariable("VIGIL_DATA") is { Length: > 0 } root ? root : Path.Combine("..", "shared", "data");
        var path = Path.Combine(data, "osm", extract);
        Stream pbf;
        if (File.Exists(path))
        {
            pbf = File.OpenRead(path);
        }
        else
        {
            pbf = new MemoryStream();
            new SyntheticGrid(side, side).Write(pbf);
            pbf.Position = 0;
        }

        using (pbf)
        {
            return RoutingEngine.Create(new OsmRoadGraphImporter(profile).Import(pbf).Graph);
        }
    }

    /// <summary>Every planned loop's line on the network, leg after leg, as the server draws it; the positions drawn.</summary>
    public static int DrawLoops(RoutingEngine engine, CchQuery query, PatrolPlan plan, SnapPoint[] snaps)
    {
        var positions = 0;
        foreach (var route in plan.Routes)
        {
            var at = route.Start;
            foreach (var site in route.Order)
            {
                positions += query.Route(engine.Metric, snaps[at], snaps[site])?.Geometry.Count ?? 0;
                at = site;
            }

            positions += query.Route(engine.Metric, snaps[at], snaps[route.Start])?.Geometry.Count ?? 0;
        }

        return positions;
    }
}
