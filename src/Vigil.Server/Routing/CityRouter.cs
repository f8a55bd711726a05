using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vigil.Routing;
using Vigil.Routing.Analysis;
using Vigil.Routing.Cch;
using Vigil.Routing.Graph;
using Vigil.Routing.Search;
using Route = Vigil.Routing.Search.Route;
using Vigil.Routing.Snapping;
using DomainPoint = Vigil.Domain.Geo.GeoPoint;
using RoadPoint = Vigil.Routing.Geo.GeoPoint;

namespace Vigil.Server.Routing;

/// <summary>
/// The server's one routing engine. It is loaded once, on first use (the traffic feed touches it at start-up); the
/// per-query scratch objects are not thread-safe and large (a few arrays the size of the graph), so each kind is
/// pooled rather than allocated per request.
/// </summary>
public sealed partial class CityRouter
{
    private readonly Lazy<RoutingEngine?> _engine;
    private readonly ConcurrentBag<CchQuery> _queries = [];
    private readonly ConcurrentBag<EtaRanker> _rankers = [];
    private readonly ConcurrentBag<ReachSearch> _reaches = [];
    private readonly ConcurrentBag<EvacuationPlanner> _planners = [];
    private readonly ConcurrentBag<CchTable> _tables = [];
    private readonly ILogger<CityRouter> _logger;

    /// <summary>The service key of the walking router (guard tours on foot) beside the one road router.</summary>
    public const string WalkingKey = "walking";

    public CityRouter(IOptions<RoutingOptions> options, ILogger<CityRouter> logger, RoadNetworkSource? source = null)
        : this(options, logger, source, walking: false)
    {
    }

    private CityRouter(IOptions<RoutingOptions> options, ILogger<CityRouter> logger, RoadNetworkSource? source, bool walking)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Value;
        Walking = walking;
        _logger = logger;
        _engine = new Lazy<RoutingEngine?>(() => Load(source), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public RoutingOptions Options { get; }

    /// <summary>True for the walking router, on <see cref="RoutingOptions.WalkGraphFile"/> or the host's walking network.</summary>
    public bool Walking { get; }

    /// <summary>
    /// The router on the walking graph (<see cref="RoutingOptions.WalkGraphFile"/>, or <paramref name="source"/> given by
    /// the host); its <see cref="Engine"/> is null when neither is there, and guard tours then walk in straight lines.
    /// </summary>
    public static CityRouter ForWalking(IOptions<RoutingOptions> options, ILogger<CityRouter> logger, RoadNetworkSource? source = null) =>
        new(options, logger, source, walking: true);

    /// <summary>The engine, or null when no road network is configured (or it failed to load).</summary>
    public RoutingEngine? Engine => _engine.Value;

    public string? Description { get; private set; }

    public bool TrySnap(DomainPoint point, out SnapPoint snap)
    {
        snap = default;
        return Engine is { } engine && engine.TrySnap(new RoadPoint(point.Lat, point.Lon), out snap, Options.MaxSnapMeters);
    }

    public Route? Route(SnapPoint from, SnapPoint to)
    {
        var engine = RequireEngine();
        var query = _queries.TryTake(out var q) ? q : engine.CreateQuery();
        try
        {
            return query.Route(engine.Metric, from, to);
        }
        finally
        {
            _queries.Add(query);
        }
    }

    /// <summary>
    /// Travel times in ms among all <paramref name="points"/>, row-major (<c>[from * n + to]</c>), on the live metric;
    /// <see cref="CchMetric.Infinity"/> where no route exists. One bucket many-to-many pass, not n² point queries.
    /// </summary>
    public int[] Table(ReadOnlySpan<SnapPoint> points)
    {
        var engine = RequireEngine();
        var table = _tables.TryTake(out var t) ? t : new CchTable(engine.Graph, engine.Topology);
        try
        {
            return table.Compute(engine.Metric, points, points);
        }
        finally
        {
            _tables.Add(table);
        }
    }

    /// <summary>The <paramref name="count"/> units that reach <paramref name="incident"/> first, each with its route.</summary>
    public List<(int Unit, Route Route)> Rank(SnapPoint incident, ReadOnlySpan<SnapPoint> units, int count)
    {
        var engine = RequireEngine();
        var ranker = _rankers.TryTake(out var r) ? r : new EtaRanker(engine.Graph);
        try
        {
            var ranked = ranker.Rank(engine.Metric.ArcWeightsMs, incident, units, count);
            var result = new List<(int, Route)>(ranked.Count);
            foreach (var unit in ranked)
            {
                result.Add((unit.UnitIndex, ranker.RouteOf(unit, units[unit.UnitIndex], incident)));
            }

            return result;
        }
        finally
        {
            _rankers.Add(ranker);
        }
    }

    /// <summary>Runs <paramref name="work"/> on a pooled reach search after a search from <paramref name="stations"/> up to <paramref name="limitMs"/>.</summary>
    public T Reach<T>(ReadOnlySpan<SnapPoint> stations, int limitMs, Func<ReachSearch, RoadGraph, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var engine = RequireEngine();
        var search = _reaches.TryTake(out var s) ? s : new ReachSearch(engine.Graph);
        try
        {
            search.Run(engine.Metric.ArcWeightsMs, stations, limitMs);
            return work(search, engine.Graph);
        }
        finally
        {
            _reaches.Add(search);
        }
    }

    public T Evacuate<T>(Func<EvacuationPlanner, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var engine = RequireEngine();
        var planner = _planners.TryTake(out var p) ? p : new EvacuationPlanner(engine);
        try
        {
            return work(planner);
        }
        finally
        {
            _planners.Add(planner);
        }
    }

    private RoutingEngine RequireEngine() => Engine ?? throw new InvalidOperationException("No road network is loaded.");

    private RoutingEngine? Load(RoadNetworkSource? source)
    {
        var clock = Stopwatch.StartNew();
        if (source is not null)
        {
            var built = source.Build();
            Description = source.Description;
            Log.Loaded(_logger, source.Description, built.Graph.NodeCount, built.Graph.ArcCount, clock.Elapsed.TotalSeconds);
            return built;
        }

        var file = Walking ? Options.WalkGraphFile : Options.GraphFile;
        if (string.IsNullOrWhiteSpace(file))
        {
            if (Walking)
            {
                Log.NoWalkingNetwork(_logger);
            }
            else
            {
                Log.NoNetwork(_logger);
            }

            return null;
        }

        var path = Path.GetFullPath(file);
        if (!File.Exists(path))
        {
            Log.LoadFailed(_logger, path, "file not found");
            return null;
        }

        using var stream = File.OpenRead(path);
        if (!RoadGraphFile.TryRead(stream, out var graph, out var order, out var error) || graph is null)
        {
            Log.LoadFailed(_logger, path, error ?? "unreadable");
            return null;
        }

        var engine = RoutingEngine.Create(graph, order);
        Description = Path.GetFileName(path);
        Log.Loaded(_logger, path, graph.NodeCount, graph.ArcCount, clock.Elapsed.TotalSeconds);
        return engine;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 900, Level = LogLevel.Information, Message = "Routing on {Network}: {Nodes} nodes, {Arcs} arcs, ready in {Seconds:0.00} s")]
        public static partial void Loaded(ILogger logger, string network, int nodes, int arcs, double seconds);

        [LoggerMessage(EventId = 901, Level = LogLevel.Information, Message = "No road network configured (Vigil:Routing:GraphFile): routing endpoints answer 503")]
        public static partial void NoNetwork(ILogger logger);

        [LoggerMessage(EventId = 902, Level = LogLevel.Error, Message = "Cannot load the road graph {Path}: {Error}; routing endpoints answer 503")]
        public static partial void LoadFailed(ILogger logger, string path, string error);

        [LoggerMessage(EventId = 903, Level = LogLevel.Information, Message = "No walking network configured (Vigil:Routing:WalkGraphFile): guard tours drive, or walk in straight lines when asked to walk")]
        public static partial void NoWalkingNetwork(ILogger logger);
    }
}
