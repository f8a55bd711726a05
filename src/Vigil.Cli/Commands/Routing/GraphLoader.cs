using Vigil.Routing;
using Vigil.Routing.Graph;

namespace Vigil.Cli.Commands.Routing;

/// <summary>Opens a graph file for the routing commands, turning every expected failure into a message.</summary>
internal static class GraphLoader
{
    public static bool TryLoad(string path, out RoutingEngine? engine, out string error)
    {
        engine = null;
        if (!File.Exists(path))
        {
            error = $"graph file not found: {path}";
            return false;
        }

        using var stream = File.OpenRead(path);
        if (!RoadGraphFile.TryRead(stream, out var graph, out var order, out var problem) || graph is null)
        {
            error = $"cannot read graph file {path}: {problem}";
            return false;
        }

        engine = RoutingEngine.Create(graph, order);
        error = string.Empty;
        return true;
    }
}
