using Vigil.Routing;

namespace Vigil.Server.Routing;

/// <summary>
/// A road network given by the host instead of <see cref="RoutingOptions.GraphFile"/>: <c>vigil demo</c> routes on
/// its synthetic city's streets or on a graph file it has already opened. Registered under the key
/// <see cref="CityRouter.WalkingKey"/>, it is the walking network instead of <see cref="RoutingOptions.WalkGraphFile"/>.
/// </summary>
public sealed class RoadNetworkSource(string description, Func<RoutingEngine> build)
{
    public string Description { get; } = description;

    public RoutingEngine Build() => build();
}
