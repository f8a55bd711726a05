using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Vigil.Routing;
using Vigil.Routing.Search;

namespace Vigil.Cli.Commands.Routing;

/// <summary>
/// <c>vigil route check</c>: compares CCH travel times with plain Dijkstra on random pairs of a graph file, the
/// correctness check the test suite runs on fewer pairs.
/// </summary>
internal static class RouteCheckCommand
{
    public static Command Create()
    {
        var graph = new Option<string>("--graph") { Description = "Graph file written by 'vigil city import'", Required = true };
        var pairs = new Option<int>("--pairs") { Description = "Random pairs to compare", DefaultValueFactory = _ => 10_000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the random pairs", DefaultValueFactory = _ => 1 };
        var check = new Command("check", "Check that CCH travel times equal plain Dijkstra on random pairs");
        check.Add(graph);
        check.Add(pairs);
        check.Add(seed);
        check.SetAction((ParseResult result, CancellationToken cancellationToken) => Task.FromResult(Run(
            result.GetValue(graph)!, result.GetValue(pairs), result.GetValue(seed), result.GetValue(GlobalOptions.Json), cancellationToken)));
        return check;
    }

    private static int Run(string graphPath, int pairs, int seed, bool json, CancellationToken cancellationToken)
    {
        if (pairs < 1)
        {
            Console.Error.WriteLine("error: --pairs must be at least 1");
            return 2;
        }

        if (!GraphLoader.TryLoad(graphPath, out var engine, out var error) || engine is null)
        {
            Console.Error.WriteLine($"error: {error}");
            return 3;
        }

        var snaps = RandomPairs.Snaps(engine, 2 * pairs, new Random(seed));
        var query = engine.CreateQuery();
        var dijkstra = new DijkstraRouter(engine.Graph);
        var weights = engine.Metric.ArcWeightsMs;
        var mismatches = 0;
        var firstMismatch = -1;
        for (var i = 0; i < pairs; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var expected = dijkstra.DurationMs(snaps[2 * i], snaps[(2 * i) + 1], weights);
            var actual = query.DurationMs(engine.Metric, snaps[2 * i], snaps[(2 * i) + 1]);
            if (expected != actual)
            {
                mismatches++;
                if (firstMismatch < 0)
                {
                    firstMismatch = i;
                }
            }
        }

        if (json)
        {
            using var writer = new Utf8JsonWriter(Console.OpenStandardOutput(), new JsonWriterOptions { Indented = true });
            writer.WriteStartObject();
            writer.WriteString("graph", graphPath);
            writer.WriteNumber("pairs", pairs);
            writer.WriteNumber("seed", seed);
            writer.WriteNumber("mismatches", mismatches);
            writer.WriteEndObject();
            writer.Flush();
            Console.WriteLine();
        }
        else if (mismatches == 0)
        {
            AnsiConsole.MarkupLine($"[green]{pairs:N0} pairs: CCH equals Dijkstra on every pair[/]");
        }
        else
        {
            AnsiConsole.MarkupLine($"[red]{mismatches:N0} of {pairs:N0} pairs differ from Dijkstra (first: pair {firstMismatch}, {snaps[2 * firstMismatch].Point} to {snaps[(2 * firstMismatch) + 1].Point})[/]");
        }

        return mismatches == 0 ? 0 : 1;
    }
}
