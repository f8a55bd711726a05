using Microsoft.Extensions.DependencyInjection;
using Vigil.Routing;
using Vigil.Routing.Import;
using Vigil.Server.Routing;
using RoadPoint = Vigil.Routing.Geo.GeoPoint;

namespace Vigil.Server.Tests.Infrastructure;

/// <summary>The forecasting server with the generated city's own streets as its road network, as <c>vigil demo</c> runs.</summary>
public sealed class RoadForecastingServer : ForecastingServer
{
    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton(new RoadNetworkSource("the test city's streets", () =>
        {
            var network = new StreetNetwork();
            foreach (var street in City().Streets)
            {
                var points = new RoadPoint[street.Points.Count];
                for (var i = 0; i < points.Length; i++)
                {
                    points[i] = new RoadPoint(street.Points[i].Lat, street.Points[i].Lon);
                }

                network.Add(points, street.Arterial ? "primary" : "residential", street.Name);
            }

            return RoutingEngine.Create(network.Build());
        }));
}
