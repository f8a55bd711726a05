using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Vigil.Routing;
using Vigil.Routing.Cch;
using Vigil.Routing.Graph;
using Vigil.Routing.Import;
using Vigil.Routing.Search;
using Vigil.Routing.Snapping;

namespace Vigil.Cli.Commands.Routing;

/// <summary>
/// <c>vigil route bench</c>: the in-process figures of docs/benchmarks.md for one city, measured once: import,
/// ordering, CCH topology and customisation with the memory each retains; query latency percentiles beside plain
/// Dijkstra; live re-weighting; ranking the best units of a fleet; a many-to-many table.
/// </summary>
internal static class RouteBenchCommand
{
    public static Command Create()
    {
        var pbf = new Option<string?>("--pbf") { Description = "OSM PBF extract to import, order and customise" };
        var graph = new Option<string?>("--graph") { Description = "Graph file (ordering is read from it, not measured)" };
        var grid = new Option<int>("--grid") { Description = "Synthetic square grid city with this many junctions per side instead of a file" };
        var queries = new Option<int>("--queries") { Description = "Random point-to-point queries", DefaultValueFactory = _ => 10_000 };
        var baseline = new Option<int>("--dijkstra") { Description = "Queries also answered by plain Dijkstra as a baseline", DefaultValueFactory = _ => 200 };
        var units = new Option<int>("--units") { Description = "Fleet size for the ranking figure", DefaultValueFactory = _ => 1000 };
        var rankings = new Option<int>("--rankings") { Description = "Incidents ranked against the fleet", DefaultValueFactory = _ => 200 };
        var importOnly = new Option<bool>("--import-only") { Description = "Stop after the import: how import time and memory grow with size" };
        var pairsOut = new Option<string?>("--pairs-out") { Description = "Write the query pairs and CCH travel times as CSV (to run the same pairs on a peer system)" };
        var bench = new Command("bench", "Measure import, preprocessing, customisation, query latency and unit ranking on one city");
        foreach (var option in (Option[])[pbf, graph, grid, queries, baseline, units, rankings, pairsOut, importOnly])
        {
            bench.Add(option);
        }

        bench.SetAction((ParseResult result, CancellationToken cancellationToken) => Task.FromResult(Run(
            new Settings(
                result.GetValue(pbf),
                result.GetValue(graph),
                result.GetValue(grid),
                result.GetValue(queries),
                result.GetValue(baseline),
                result.GetValue(units),
                result.GetValue(rankings),
                result.GetValue(pairsOut),
                result.GetValue(importOnly)),
            result.GetValue(GlobalOptions.Json),
            cancellationToken)));
        return bench;
    }

    private static int Run(Settings settings, bool json, CancellationToken cancellationToken)
    {
        var sources = (settings.Pbf is null ? 0 : 1) + (settings.Graph is null ? 0 : 1) + (settings.Grid > 0 ? 1 : 0);
        if (sources != 1)
        {
            Console.Error.WriteLine("error: give exactly one of --pbf, --graph or --grid");
            return 2;
        }

        if (settings.Queries < 1 || settings.Units < 1 || settings.Rankings < 1 || settings.Dijkstra < 0)
        {
            Console.Error.WriteLine("error: --queries, --units and --rankings must be at least 1, --dijkstra at least 0");
            return 2;
        }

        var figures = new List<(string Name, double Value, string Unit)>();
        var clock = Stopwatch.StartNew();
        RoadGraph? graph;
        int[] order = [];
        if (settings.Graph is not null)
        {
            using var stream = File.OpenRead(settings.Graph);
            if (!RoadGraphFile.TryRead(stream, out graph, out order, out var problem) || graph is null)
            {
                Console.Error.WriteLine($"error: cannot read graph file {settings.Graph}: {problem}");
                return 3;
            }

            figures.Add(("load graph file", clock.Elapsed.TotalSeconds, "s"));
        }
        else
        {
            using Stream stream = settings.Pbf is not null ? File.OpenRead(settings.Pbf) : GridPbf(settings.Grid);
            if (settings.Grid > 0)
            {
                figures.Add(("write synthetic grid PBF", clock.Elapsed.TotalSeconds, "s"));
                clock.Restart();
            }

            graph = new OsmRoadGraphImporter(new CarProfile()).Import(stream, null, cancellationToken).Graph;
            figures.Add(("import", clock.Elapsed.TotalSeconds, "s"));
        }

        figures.Add(("nodes", graph.NodeCount, ""));
        figures.Add(("arcs", graph.ArcCount, ""));
        figures.Add(("graph memory", RetainedMb(), "MiB"));
        if (settings.ImportOnly)
        {
            figures.Add(("peak working set", Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0), "MiB"));
            Report(figures, json);
            return 0;
        }

        if (order.Length == 0)
        {
            clock.Restart();
            order = NestedDissectionOrder.Compute(graph, cancellationToken);
            figures.Add(("nested-dissection order", clock.Elapsed.TotalSeconds, "s"));
        }

        clock.Restart();
        var topology = CchTopology.Build(graph, order, cancellationToken);
        figures.Add(("CCH topology", clock.Elapsed.TotalSeconds, "s"));
        figures.Add(("CCH arcs", topology.ArcCount, ""));

        clock.Restart();
        var metric = CchMetric.Customize(topology, graph, graph.BaseWeights.ToArray());
        figures.Add(("customisation (all weights)", clock.Elapsed.TotalMilliseconds, "ms"));
        figures.Add(("memory with CCH and metric", RetainedMb(), "MiB"));

        var engine = RoutingEngine.Create(graph, order, cancellationToken);
        GC.KeepAlive(metric);
        clock.Restart();
        var random = new Random(42);
        var traffic = new Vigil.Routing.Traffic.EdgeSpeed[Math.Max(1, graph.EdgeCount / 100)];
        for (var i = 0; i < traffic.Length; i++)
        {
            traffic[i] = new Vigil.Routing.Traffic.EdgeSpeed(random.Next(graph.EdgeCount), 5 + (random.NextDouble() * 60));
        }

        clock.Restart();
        engine.ApplySpeeds(traffic);
        figures.Add(("live re-weighting, 1% of edges", clock.Elapsed.TotalMilliseconds, "ms"));
        engine.ResetSpeeds();

        var snaps = RandomPairs.Snaps(engine, 2 * settings.Queries, random);
        var query = engine.CreateQuery();
        var durations = new int[settings.Queries];
        var latencies = new double[settings.Queries];
        for (var i = 0; i < Math.Min(200, settings.Queries); i++)
        {
            query.DurationMs(engine.Metric, snaps[2 * i], snaps[(2 * i) + 1]);
        }

        for (var i = 0; i < settings.Queries; i++)
        {
            var start = Stopwatch.GetTimestamp();
            durations[i] = query.DurationMs(engine.Metric, snaps[2 * i], snaps[(2 * i) + 1]);
            latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        AddPercentiles(figures, "CCH query (travel time)", latencies);

        for (var i = 0; i < settings.Queries; i++)
        {
            var start = Stopwatch.GetTimestamp();
            query.Route(engine.Metric, snaps[2 * i], snaps[(2 * i) + 1]);
            latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        AddPercentiles(figures, "CCH query with route geometry", latencies);

        if (settings.Dijkstra > 0)
        {
            var dijkstra = new DijkstraRouter(graph);
            var count = Math.Min(settings.Dijkstra, settings.Queries);
            var dijkstraLatencies = new double[count];
            for (var i = 0; i < count; i++)
            {
                var start = Stopwatch.GetTimestamp();
                dijkstra.DurationMs(snaps[2 * i], snaps[(2 * i) + 1], engine.Metric.ArcWeightsMs);
                dijkstraLatencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }

            AddPercentiles(figures, "plain Dijkstra (baseline)", dijkstraLatencies);
        }

        var fleet = RandomPairs.Snaps(engine, settings.Units, random);
        var incidents = RandomPairs.Snaps(engine, settings.Rankings, random);
        var ranker = new EtaRanker(graph);
        var rankLatencies = new double[settings.Rankings];
        for (var i = 0; i < settings.Rankings; i++)
        {
            var start = Stopwatch.GetTimestamp();
            ranker.Rank(engine.Metric.ArcWeightsMs, incidents[i], fleet, 10);
            rankLatencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        AddPercentiles(figures, $"rank 10 best of {settings.Units:N0} units", rankLatencies);

        var table = new CchTable(graph, engine.Topology);
        var side = Math.Min(100, settings.Queries);
        var tableSources = snaps.AsSpan(0, side);
        var tableTargets = snaps.AsSpan(side, side);
        table.Compute(engine.Metric, tableSources, tableTargets);
        clock.Restart();
        table.Compute(engine.Metric, tableSources, tableTargets);
        figures.Add(($"{side}×{side} table", clock.Elapsed.TotalMilliseconds, "ms"));
        figures.Add(("peak working set", Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0), "MiB"));

        if (settings.PairsOut is not null)
        {
            WritePairs(settings.PairsOut, snaps, durations);
        }

        Report(figures, json);
        return 0;
    }

    /// <summary>The grid as a temporary PBF file, so that the import's peak memory does not include the file itself.</summary>
    private static FileStream GridPbf(int side)
    {
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        new SyntheticGrid(side, side).Write(file);
        file.Position = 0;
        return file;
    }

    private static double RetainedMb() => GC.GetTotalMemory(forceFullCollection: true) / (1024.0 * 1024.0);

    private static void AddPercentiles(List<(string, double, string)> figures, string name, double[] latencies)
    {
        Array.Sort(latencies);
        figures.Add(($"{name} p50", Percentile(latencies, 0.50), "ms"));
        figures.Add(($"{name} p99", Percentile(latencies, 0.99), "ms"));
    }

    private static double Percentile(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Floor(q * sorted.Length))];

    private static void WritePairs(string path, SnapPoint[] snaps, int[] durations)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine("from_lat,from_lon,to_lat,to_lon,cch_ms");
        for (var i = 0; i < durations.Length; i++)
        {
            var a = snaps[2 * i].Point;
            var b = snaps[(2 * i) + 1].Point;
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{a.Lat:0.0000000},{a.Lon:0.0000000},{b.Lat:0.0000000},{b.Lon:0.0000000},{durations[i]}"));
        }
    }

    private static void Report(List<(string Name, double Value, string Unit)> figures, bool json)
    {
        if (json)
        {
            using var writer = new Utf8JsonWriter(Console.OpenStandardOutput(), new JsonWriterOptions { Indented = true });
            writer.WriteStartArray();
            foreach (var (name, value, unit) in figures)
            {
                writer.WriteStartObject();
                writer.WriteString("name", name);
                writer.WriteNumber("value", Math.Round(value, 4));
                writer.WriteString("unit", unit);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.Flush();
            Console.WriteLine();
            return;
        }

        var table = new Table().AddColumn("figure").AddColumn(new TableColumn("value").RightAligned()).AddColumn("unit");
        foreach (var (name, value, unit) in figures)
        {
            table.AddRow(Markup.Escape(name), value.ToString(value >= 100 ? "N0" : "0.###", CultureInfo.InvariantCulture), unit);
        }

        AnsiConsole.Write(table);
    }

    private sealed record Settings(string? Pbf, string? Graph, int Grid, int Queries, int Dijkstra, int Units, int Rankings, string? PairsOut, bool ImportOnly);
}
