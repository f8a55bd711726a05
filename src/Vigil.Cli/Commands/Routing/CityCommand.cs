using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Spectre.Console;
using Vigil.Routing;
using Vigil.Routing.Cch;
using Vigil.Routing.Graph;
using Vigil.Routing.Import;
using Vigil.Routing.Osm;

namespace Vigil.Cli.Commands.Routing;

/// <summary><c>vigil city import</c>: OSM PBF to a routable graph file.</summary>
internal static class CityCommand
{
    public static Command Create()
    {
        var city = new Command("city", "Road networks of cities: import OpenStreetMap extracts for routing");
        city.Add(CreateImport());
        return city;
    }

    private static Command CreateImport()
    {
        var pbf = new Argument<string>("pbf") { Description = "OpenStreetMap extract (.osm.pbf)" };
        var output = new Option<string?>("--out") { Description = "Graph file to write (default: the extract's name with .vgraph, or .foot.vgraph for --profile foot, in the current folder)" };
        var profile = new Option<string>("--profile")
        {
            Description = "car: the emergency-vehicle road graph; foot: the walking graph for guard tours (footways, paths, steps and streets, both ways)",
            DefaultValueFactory = _ => "car",
        };
        profile.AcceptOnlyFromAmong("car", "foot");
        var walkKmh = new Option<double>("--walk-kmh") { Description = "Walking speed for --profile foot, in km/h", DefaultValueFactory = _ => 5 };
        var import = new Command("import", "Build the road graph (or, with --profile foot, the walking graph) of an OSM PBF extract and write a graph file");
        import.Add(pbf);
        import.Add(output);
        import.Add(profile);
        import.Add(walkKmh);
        import.SetAction((ParseResult result, CancellationToken cancellationToken) =>
            Task.FromResult(Run(result.GetValue(pbf)!, result.GetValue(output), result.GetValue(profile)!, result.GetValue(walkKmh), result.GetValue(GlobalOptions.Json), cancellationToken)));
        return import;
    }

    private static int Run(string input, string? output, string profileName, double walkKmh, bool json, CancellationToken cancellationToken)
    {
        if (!File.Exists(input))
        {
            Console.Error.WriteLine($"error: OSM file not found: {input}");
            return 2;
        }

        if (walkKmh is < 1 or > 15)
        {
            Console.Error.WriteLine("error: --walk-kmh must be from 1 to 15 km/h");
            return 2;
        }

        TravelProfile travelProfile = profileName == "foot" ? new FootProfile { WalkingSpeedKmh = walkKmh } : new CarProfile();
        output ??= DefaultOutput(input, travelProfile);
        var clock = Stopwatch.StartNew();
        RoadGraph graph;
        ImportStatistics statistics;
        int[] order;
        TimeSpan importTime;
        TimeSpan orderTime;
        try
        {
            using var stream = File.OpenRead(input);
            var importer = new OsmRoadGraphImporter(travelProfile);
            if (json || Console.IsOutputRedirected)
            {
                (graph, statistics) = importer.Import(stream, null, cancellationToken);
                importTime = clock.Elapsed;
                order = NestedDissectionOrder.Compute(graph, cancellationToken);
            }
            else
            {
                RoadGraph? importedGraph = null;
                ImportStatistics? importedStatistics = null;
                int[] computed = [];
                TimeSpan importElapsed = default;
                AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .Start(context =>
                    {
                        var ways = context.AddTask("ways and restrictions", maxValue: 1);
                        var nodes = context.AddTask("node coordinates", maxValue: 1);
                        var build = context.AddTask("graph and components", maxValue: 1);
                        var ordering = context.AddTask("contraction order", maxValue: 1);
                        var progress = new InlineProgress(p =>
                        {
                            var task = p.Phase switch
                            {
                                "ways" => ways,
                                "nodes" => nodes,
                                _ => build,
                            };
                            if (task == nodes)
                            {
                                ways.Value = 1;
                            }
                            else if (task == build)
                            {
                                ways.Value = 1;
                                nodes.Value = 1;
                            }

                            task.Value = p.Fraction;
                        });
                        (importedGraph, importedStatistics) = importer.Import(stream, progress, cancellationToken);
                        build.Value = 1;
                        importElapsed = clock.Elapsed;
                        computed = NestedDissectionOrder.Compute(importedGraph, cancellationToken);
                        ordering.Value = 1;
                    });
                graph = importedGraph ?? throw new InvalidOperationException("The import finished without a graph.");
                statistics = importedStatistics ?? throw new InvalidOperationException("The import finished without statistics.");
                order = computed;
                importTime = importElapsed;
            }

            orderTime = clock.Elapsed - importTime;
        }
        catch (OsmFormatException ex)
        {
            Console.Error.WriteLine($"error: {input} is not a readable OSM PBF file: {ex.Message}");
            return 3;
        }

        if (graph.ArcCount == 0)
        {
            Console.Error.WriteLine($"error: {input} holds no ways the {travelProfile.Name} profile may use");
            return 3;
        }

        try
        {
            using var file = File.Create(output);
            RoadGraphFile.Write(file, graph, order);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: cannot write {output}: {ex.Message}");
            return 4;
        }

        var total = clock.Elapsed;
        var peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
        var fileBytes = new FileInfo(output).Length;
        if (json)
        {
            using var writer = new Utf8JsonWriter(Console.OpenStandardOutput(), new JsonWriterOptions { Indented = true });
            writer.WriteStartObject();
            writer.WriteString("input", input);
            writer.WriteString("output", output);
            writer.WriteString("profile", travelProfile.Name);
            writer.WriteNumber("fileBytes", fileBytes);
            writer.WriteNumber("nodes", statistics.Nodes);
            writer.WriteNumber("edges", statistics.Edges);
            writer.WriteNumber("arcs", statistics.Arcs);
            writer.WriteNumber("turns", statistics.Turns);
            writer.WriteNumber("waysRead", statistics.WaysRead);
            writer.WriteNumber("drivableWays", statistics.DrivableWays);
            writer.WriteNumber("nodesMissing", statistics.NodesMissing);
            writer.WriteNumber("restrictionsRead", statistics.RestrictionsRead);
            writer.WriteNumber("restrictionsApplied", statistics.RestrictionsApplied);
            writer.WriteNumber("arcsOutsideLargestComponent", statistics.ArcsOutsideLargestComponent);
            writer.WriteNumber("importSeconds", Math.Round(importTime.TotalSeconds, 3));
            writer.WriteNumber("orderSeconds", Math.Round(orderTime.TotalSeconds, 3));
            writer.WriteNumber("totalSeconds", Math.Round(total.TotalSeconds, 3));
            writer.WriteNumber("peakWorkingSetMb", Math.Round(peakMb, 1));
            writer.WriteEndObject();
            writer.Flush();
            Console.WriteLine();
            return 0;
        }

        var table = new Table().AddColumn("").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("graph file", Markup.Escape(output));
        table.AddRow("profile", travelProfile.Name);
        table.AddRow("file size", $"{fileBytes / 1024.0:N0} KiB");
        table.AddRow("nodes / edges", $"{statistics.Nodes:N0} / {statistics.Edges:N0}");
        table.AddRow("arcs / turns", $"{statistics.Arcs:N0} / {statistics.Turns:N0}");
        table.AddRow(travelProfile is FootProfile ? "walkable ways" : "drivable ways", $"{statistics.DrivableWays:N0} of {statistics.WaysRead:N0}");
        table.AddRow("turn restrictions applied", $"{statistics.RestrictionsApplied:N0} of {statistics.RestrictionsRead:N0}");
        table.AddRow("arcs outside largest component", $"{statistics.ArcsOutsideLargestComponent:N0}");
        table.AddRow("import / order / total", $"{importTime.TotalSeconds:N2} s / {orderTime.TotalSeconds:N2} s / {total.TotalSeconds:N2} s");
        table.AddRow("peak working set", $"{peakMb:N0} MiB");
        AnsiConsole.Write(table);
        return 0;
    }

    private static string DefaultOutput(string input, TravelProfile profile)
    {
        var name = Path.GetFileName(input);
        foreach (var suffix in (string[])[".osm.pbf", ".pbf"])
        {
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                name = name[..^suffix.Length];
                break;
            }
        }

        // The walking graph sits beside the road graph under its own suffix, where 'vigil demo --graph' looks for it.
        return name + (profile is FootProfile ? ".foot.vgraph" : ".vgraph");
    }

    /// <summary>Reports on the importing thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class InlineProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
