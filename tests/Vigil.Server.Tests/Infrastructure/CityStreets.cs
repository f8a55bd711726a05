using Vigil.Routing;
using Vigil.Routing.Import;
using Vigil.Simulation;
using RoadPoint = Vigil.Routing.Geo.GeoPoint;

namespace Vigil.Server.Tests.Infrastructure;

/// <summary>The generated city's own streets as a road network, as <c>vigil demo</c> routes on them.</summary>
public static class CityStreets
{
    public static RoutingEngine Engine(CityModel city)
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
    }
}
