using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Vigil.Server.Routing;

public static class RoutingServiceCollectionExtensions
{
    /// <summary>
    /// The routing engine (graph file or a host-given network), the walking router for guard tours (keyed
    /// <see cref="CityRouter.WalkingKey"/>), live traffic, and the dispatch matrix.
    /// </summary>
    public static IServiceCollection AddVigilRouting(this IServiceCollection services)
    {
        services.AddOptions<RoutingOptions>().BindConfiguration(RoutingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new CityRouter(
            sp.GetRequiredService<IOptions<RoutingOptions>>(),
            sp.GetRequiredService<ILogger<CityRouter>>(),
            sp.GetService<RoadNetworkSource>()));
        services.AddKeyedSingleton(CityRouter.WalkingKey, (sp, _) => CityRouter.ForWalking(
            sp.GetRequiredService<IOptions<RoutingOptions>>(),
            sp.GetRequiredService<ILogger<CityRouter>>(),
            sp.GetKeyedService<RoadNetworkSource>(CityRouter.WalkingKey)));
        services.AddSingleton<TrafficSpeedFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<TrafficSpeedFeed>());
        return services;
    }
}
