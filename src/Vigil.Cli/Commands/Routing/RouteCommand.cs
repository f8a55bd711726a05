using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Vigil.Routing;
using Vigil.Routing.Geo;

namespace Vigil.Cli.Commands.Routing;

/// <summary><c>vigil route</c>: the fastest route between two coordinates on a graph file.</summary>
internal static class RouteCommand
{
    public static Command Create()
    {
        var graph = new Option<string>("--graph") { Description = "Graph file written by 'vigil city import'", Required = true };
        var from = new Option<string>("--from") { Description = "Start as lat,lon", Required = true };
        var to = new Option<string>("--to") { Description = "End as lat,lon", Required = true };
        var maxSnap = new Option<double>("--max-snap") { Description = "Farthest a coordinate may lie from a road, in metres", DefaultValueFactory = _ => 1000 };
        var route = new Command("route", "Fastest route for an emergency vehicle: distance, duration and GeoJSON geometry");
        route.Add(graph);
        route.Add(from);
        route.Add(to);
        route.Add(maxSnap);
        route.SetAction((ParseResult result, CancellationToken _) => Task.FromResult(Run(
            result.GetValue(graph)!,
            result.GetValue(from)!,
            result.GetValue(to)!,
            result.GetValue(maxSnap),
            result.GetValue(GlobalOptions.Json))));
        route.Add(RouteCheckCommand.Create());
        route.Add(RouteBenchCommand.Create());
        return route;
    }

    private static int Run(string graphPath, string fromText, string toText, double maxSnap, bool json)
    {
        if (!GeoPoint.TryParse(fromText, out var from))
        {
            Console.Error.WriteLine($"error: --from '{fromText}' is not a coordinate; expected lat,lon such as 35.8989,14.5146");
            return 2;
        }

        if (!GeoPoint.TryParse(toText, out var to))
        {
            Console.Error.WriteLine($"error: --to '{toText}' is not a coordinate; expected lat,lon such as 35.8989,14.5146");
            return 2;
        }

        if (!GraphLoader.TryLoad(graphPath, out var engine, out var error) || engine is null)
        {
            Console.Error.WriteLine($"error: {error}");
            return 3;
        }

        if (!engine.TrySnap(from, out var start, maxSnap))
        {
            Console.Error.WriteLine($"error: --from {from} is more than {maxSnap.ToString(CultureInfo.InvariantCulture)} m from any road of the graph");
            return 4;
        }

        if (!engine.TrySnap(to, out var end, maxSnap))
        {
            Console.Error.WriteLine($"error: --to {to} is more than {maxSnap.ToString(CultureInfo.InvariantCulture)} m from any road of the graph");
            return 4;
        }

        var route = engine.CreateQuery().Route(engine.Metric, start, end);
        if (route is null)
        {
            Console.Error.WriteLine($"error: no drivable route from {from} to {to}");
            return 5;
        }

        if (json)
        {
            using var writer = new Utf8JsonWriter(Console.OpenStandardOutput(), new JsonWriterOptions { Indented = true });
            writer.WriteStartObject();
            writer.WritePropertyName("from");
            GeoJsonWriter.WritePosition(writer, from);
            writer.WritePropertyName("to");
            GeoJsonWriter.WritePosition(writer, to);
            writer.WriteNumber("snapFromMeters", Math.Round(start.DistanceMeters, 1));
            writer.WriteNumber("snapToMeters", Math.Round(end.DistanceMeters, 1));
            writer.WriteNumber("distanceMeters", Math.Round(route.DistanceMeters, 1));
            writer.WriteNumber("durationSeconds", Math.Round(route.DurationSeconds, 1));
            writer.WritePropertyName("geometry");
            GeoJsonWriter.WriteLineString(writer, route.Geometry);
            writer.WriteEndObject();
            writer.Flush();
            Console.WriteLine();
            return 0;
        }

        var table = new Table().AddColumn("").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("distance", $"{route.DistanceMeters / 1000:N2} km");
        table.AddRow("duration", $"{TimeSpan.FromMilliseconds(route.DurationMs):hh\\:mm\\:ss}");
        table.AddRow("snapped start / end", $"{start.DistanceMeters:N0} m / {end.DistanceMeters:N0} m");
        table.AddRow("points", $"{route.Geometry.Count:N0}");
        AnsiConsole.Write(table);

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            GeoJsonWriter.WriteRouteFeature(writer, route);
        }

        Console.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        return 0;
    }
}
