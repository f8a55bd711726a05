using Microsoft.Extensions.DependencyInjection;
using Vigil.Server.Routing;

namespace Vigil.Server.Tests.Infrastructure;

/// <summary>The forecasting server with the generated city's own streets as its road network, as <c>vigil demo</c> runs.</summary>
public sealed class RoadForecastingServer : ForecastingServer
{
    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton(new RoadNetworkSource("the test city's streets", () => CityStreets.Engine(City())));
}
