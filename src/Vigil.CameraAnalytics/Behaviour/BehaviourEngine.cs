using Vigil.CameraAnalytics.Detections;
using Vigil.CameraAnalytics.Geometry;
using Vigil.CameraAnalytics.Tracking;

namespace Vigil.CameraAnalytics.Behaviour;

/// <summary>
/// Evaluates the behaviour rules of one camera on its tracks, frame by frame. All durations come from the frame
/// times the camera reports, never from the server clock, so replays and tests are exact. Per-track state is pooled;
/// only events allocate. Not thread-safe: one engine per camera, owned by the worker of that camera's partition.
/// </summary>
public sealed class BehaviourEngine
{
    // A track unseen this long is forgotten; longer than any tracker lost-track buffer (30 frames, about 1 s).
    private static readonly TimeSpan ForgetAfter = TimeSpan.FromSeconds(10);

    private readonly CameraModel _camera;
    private readonly Zone[] _zones;
    private readonly double[] _zoneGroundArea;
    private readonly BehaviourRule[] _rules;
    private readonly int[] _ruleZone;
    private readonly StationaryOptions _stationary;
    private readonly TimeSpan _presenceGrace;
    private readonly Dictionary<int, TrackMemory> _memory = [];
    private readonly Stack<TrackMemory> _pool = new();
    private readonly List<int> _expired = [];
    private readonly CrowdState[] _crowd;
    private readonly List<Spot>[] _spots;
    private readonly long[,] _lineCounts;

    private BehaviourEngine(CameraModel camera, Zone[] zones, double[] zoneArea, BehaviourRule[] rules, int[] ruleZone, StationaryOptions stationary, TimeSpan presenceGrace)
    {
        _camera = camera;
        _zones = zones;
        _zoneGroundArea = zoneArea;
        _rules = rules;
        _ruleZone = ruleZone;
        _stationary = stationary;
        _presenceGrace = presenceGrace;
        _crowd = new CrowdState[rules.Length];
        _spots = new List<Spot>[rules.Length];
        for (var r = 0; r < rules.Length; r++)
        {
            _spots[r] = [];
        }

        _lineCounts = new long[rules.Length, 2];
    }

    /// <summary>
    /// Builds an engine, or explains why the configuration cannot work: unknown zone ids, duplicate ids, or a rule in
    /// metres on a camera without calibration.
    /// </summary>
    /// <param name="presenceGrace">How long an object may step outside a zone without ending its presence (boundary jitter).</param>
    public static bool TryCreate(
        CameraModel camera,
        IReadOnlyList<Zone> zones,
        IReadOnlyList<BehaviourRule> rules,
        out BehaviourEngine? engine,
        out string error,
        StationaryOptions? stationary = null,
        TimeSpan? presenceGrace = null)
    {
        ArgumentNullException.ThrowIfNull(camera);
        ArgumentNullException.ThrowIfNull(zones);
        ArgumentNullException.ThrowIfNull(rules);
        engine = null;
        var zoneIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var areas = new double[zones.Count];
        for (var z = 0; z < zones.Count; z++)
        {
            var zone = zones[z];
            if (!zoneIndex.TryAdd(zone.Id, z))
            {
                error = $"zone id '{zone.Id}' is used twice";
                return false;
            }

            if (zone.Space == CoordinateSpace.Ground && !camera.IsCalibrated)
            {
                error = $"zone '{zone.Id}' is drawn in metres but camera '{camera.CameraId}' has no ground calibration";
                return false;
            }

            areas[z] = GroundArea(camera, zone);
        }

        var ruleIds = new HashSet<string>(StringComparer.Ordinal);
        var ruleZone = new int[rules.Count];
        for (var r = 0; r < rules.Count; r++)
        {
            var rule = rules[r];
            if (!ruleIds.Add(rule.Id))
            {
                error = $"rule id '{rule.Id}' is used twice";
                return false;
            }

            ruleZone[r] = -1;
            if (rule.ZoneId is not null)
            {
                if (!zoneIndex.TryGetValue(rule.ZoneId, out var zi))
                {
                    error = $"rule '{rule.Id}' names unknown zone '{rule.ZoneId}'";
                    return false;
                }

                ruleZone[r] = zi;
            }

            if (rule.NeedsGround && !camera.IsCalibrated)
            {
                error = $"rule '{rule.Id}' measures in metres but camera '{camera.CameraId}' has no ground calibration";
                return false;
            }

            if (rule is CrowdRule { MaxDensity: not null } && !(areas[ruleZone[r]] > 0))
            {
                error = $"rule '{rule.Id}': zone '{rule.ZoneId}' has no ground area (does it cross the horizon?)";
                return false;
            }

            if (rule is CrowdRule { MaxCount: null, MaxDensity: null })
            {
                error = $"rule '{rule.Id}': a crowd rule needs a count or a density threshold";
                return false;
            }
        }

        var grace = presenceGrace ?? TimeSpan.FromSeconds(1);
        if (grace < TimeSpan.Zero)
        {
            error = "presence grace must not be negative";
            return false;
        }

        engine = new BehaviourEngine(camera, [.. zones], areas, [.. rules], ruleZone, stationary ?? new StationaryOptions(), grace);
        error = string.Empty;
        return true;
    }

    /// <summary>Crossings counted so far by a line rule in one direction (+1 or -1).</summary>
    public long LineCount(string ruleId, int direction)
    {
        for (var r = 0; r < _rules.Length; r++)
        {
            if (_rules[r].Id == ruleId)
            {
                return _lineCounts[r, direction > 0 ? 0 : 1];
            }
        }

        throw new ArgumentException($"no rule '{ruleId}'", nameof(ruleId));
    }

    /// <summary>Feeds the tracks reported for one frame, in time order, and appends any events to <paramref name="events"/>.</summary>
    public void Process(DateTimeOffset time, ReadOnlySpan<TrackedObject> tracks, ICollection<BehaviourEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (ref readonly var t in tracks)
        {
            Observe(time, t);
        }

        foreach (ref readonly var t in tracks)
        {
            var mem = _memory[t.TrackId];
            for (var r = 0; r < _rules.Length; r++)
            {
                var rule = _rules[r];
                if (!rule.Applies(t.Class))
                {
                    continue;
                }

                switch (rule)
                {
                    case IntrusionRule intrusion:
                        EvaluateIntrusion(intrusion, r, mem, time, events);
                        break;
                    case LoiteringRule loitering:
                        EvaluateLoitering(loitering, r, mem, time, events);
                        break;
                    case AbandonedObjectRule abandoned:
                        EvaluateAbandoned(abandoned, r, mem, time, tracks, events);
                        break;
                    case LineCrossingRule line:
                        EvaluateLine(line, r, mem, time, events);
                        break;
                    case RunningRule running:
                        EvaluateRunning(running, r, mem, time, events);
                        break;
                    case WrongWayRule wrongWay:
                        EvaluateWrongWay(wrongWay, r, mem, time, events);
                        break;
                    default:
                        break;
                }
            }
        }

        for (var r = 0; r < _rules.Length; r++)
        {
            if (_rules[r] is CrowdRule crowd)
            {
                EvaluateCrowd(crowd, r, time, tracks, events);
            }
        }

        Forget(time);
    }

    private void Observe(DateTimeOffset time, in TrackedObject t)
    {
        if (!_memory.TryGetValue(t.TrackId, out var mem))
        {
            mem = _pool.Count > 0 ? _pool.Pop() : new TrackMemory(_zones.Length, _rules.Length);
            mem.Reset(t.TrackId);
            _memory[t.TrackId] = mem;
        }

        mem.LastSeen = time;
        mem.Class = t.Class;
        mem.Box = t.Box;
        mem.FootX = t.Box.FootX;
        mem.FootY = t.Box.FootY;
        mem.HasGround = _camera.TryToGround(mem.FootX, mem.FootY, out mem.GroundX, out mem.GroundY);
        if (mem.HasGround)
        {
            mem.History.Add(time, mem.GroundX, mem.GroundY);
        }

        mem.Stationary.Update(mem.FootX, mem.FootY, t.Box.Height, time, _stationary);

        for (var z = 0; z < _zones.Length; z++)
        {
            var inside = Inside(_zones[z], mem);
            mem.InsideNow[z] = inside;
            if (inside)
            {
                if (mem.PresentSince[z] is null)
                {
                    mem.PresentSince[z] = time;
                }

                mem.LastInside[z] = time;
            }
            else if (mem.PresentSince[z] is not null && time - mem.LastInside[z] > _presenceGrace)
            {
                mem.PresentSince[z] = null;
                for (var r = 0; r < _rules.Length; r++)
                {
                    if (_ruleZone[r] == z)
                    {
                        mem.Fired[r] = false;
                        mem.Since[r] = null;
                    }
                }
            }
        }
    }

    private static bool Inside(Zone zone, TrackMemory mem) => zone.Space switch
    {
        CoordinateSpace.Ground => mem.HasGround && zone.Area.Contains(mem.GroundX, mem.GroundY),
        _ => zone.Area.Contains(mem.FootX, mem.FootY),
    };

    private bool InScope(int rule, TrackMemory mem) => _ruleZone[rule] < 0 || mem.PresentSince[_ruleZone[rule]] is not null;

    private DateTimeOffset ScopeSince(int rule, TrackMemory mem, DateTimeOffset fallback) =>
        _ruleZone[rule] < 0 ? fallback : mem.PresentSince[_ruleZone[rule]] ?? fallback;

    private void EvaluateIntrusion(IntrusionRule rule, int r, TrackMemory mem, DateTimeOffset time, ICollection<BehaviourEvent> events)
    {
        if (mem.Fired[r] || !InScope(r, mem) || !rule.Schedule.IsActive(time))
        {
            return;
        }

        mem.Fired[r] = true;
        events.Add(Event(BehaviourKind.Intrusion, rule, r, time, ScopeSince(r, mem, time), mem, 0));
    }

    private void EvaluateLoitering(LoiteringRule rule, int r, TrackMemory mem, DateTimeOffset time, ICollection<BehaviourEvent> events)
    {
        if (mem.Fired[r] || !InScope(r, mem))
        {
            return;
        }

        var since = ScopeSince(r, mem, time);
        if (time - since >= rule.MinDwell)
        {
            mem.Fired[r] = true;
            events.Add(Event(BehaviourKind.Loitering, rule, r, time, since, mem, (time - since).TotalSeconds));
        }
    }

    private void EvaluateAbandoned(
        AbandonedObjectRule rule, int r, TrackMemory mem, DateTimeOffset time, ReadOnlySpan<TrackedObject> tracks, ICollection<BehaviourEvent> events)
    {
        var spots = _spots[r];
        var f = mem.Stationary;
        if (!f.IsStationary || !InScope(r, mem))
        {
            return;
        }

        // While an already reported object stays put, keep its spot alive.
        var radius = _stationary.ExitRadius * Math.Max(mem.Box.Height, 1);
        var spot = FindSpot(spots, mem.Class, f.AnchorX, f.AnchorY, radius);
        if (spot >= 0)
        {
            spots[spot] = spots[spot] with { LastSeen = time };
        }

        if (mem.HandledEpisode[r] == f.Episode || time - f.StationarySince < rule.MinStationary)
        {
            return;
        }

        if (spot >= 0)
        {
            // The same object at the same spot, perhaps under a new track id: already reported.
            mem.HandledEpisode[r] = f.Episode;
            return;
        }

        if (rule.OwnerRadiusMetres is { } ownerRadius && mem.HasGround && PersonNear(mem, ownerRadius, tracks))
        {
            return;
        }

        mem.HandledEpisode[r] = f.Episode;
        spots.Add(new Spot(mem.Class, f.AnchorX, f.AnchorY, time));
        events.Add(Event(BehaviourKind.AbandonedObject, rule, r, time, f.StationarySince, mem, (time - f.StationarySince).TotalSeconds));
    }

    private bool PersonNear(TrackMemory obj, double radius, ReadOnlySpan<TrackedObject> tracks)
    {
        foreach (ref readonly var t in tracks)
        {
            if (t.Class != ObjectClass.Person || t.TrackId == obj.TrackId)
            {
                continue;
            }

            var p = _memory[t.TrackId];
            if (p.HasGround && Math.Sqrt(((p.GroundX - obj.GroundX) * (p.GroundX - obj.GroundX)) + ((p.GroundY - obj.GroundY) * (p.GroundY - obj.GroundY))) <= radius)
            {
                return true;
            }
        }

        return false;
    }

    private static int FindSpot(List<Spot> spots, ObjectClass c, double x, double y, double radius)
    {
        for (var i = 0; i < spots.Count; i++)
        {
            var s = spots[i];
            if (s.Class == c && (((s.X - x) * (s.X - x)) + ((s.Y - y) * (s.Y - y))) <= radius * radius)
            {
                return i;
            }
        }

        return -1;
    }

    private void EvaluateLine(LineCrossingRule rule, int r, TrackMemory mem, DateTimeOffset time, ICollection<BehaviourEvent> events)
    {
        double px, py;
        if (rule.Space == CoordinateSpace.Ground)
        {
            if (!mem.HasGround)
            {
                return;
            }

            (px, py) = (mem.GroundX, mem.GroundY);
        }
        else
        {
            (px, py) = (mem.FootX, mem.FootY);
        }

        var dx = rule.Bx - rule.Ax;
        var dy = rule.By - rule.Ay;
        var length = Math.Sqrt((dx * dx) + (dy * dy));
        if (length <= 0)
        {
            return;
        }

        // Signed distance to the line (positive where the cross product AB x AP is positive) and position along it.
        var signed = ((dx * (py - rule.Ay)) - (dy * (px - rule.Ax))) / length;
        var along = (((px - rule.Ax) * dx) + ((py - rule.Ay) * dy)) / (length * length);
        if (Math.Abs(signed) <= rule.Band)
        {
            return;
        }

        var side = signed > 0 ? 1 : -1;
        var previous = mem.Side[r];
        mem.Side[r] = side;
        if (previous == 0 || previous == side || along < 0 || along > 1)
        {
            return;
        }

        _lineCounts[r, side > 0 ? 0 : 1]++;
        events.Add(Event(BehaviourKind.LineCrossing, rule, r, time, time, mem, _lineCounts[r, side > 0 ? 0 : 1], side));
    }

    private void EvaluateRunning(RunningRule rule, int r, TrackMemory mem, DateTimeOffset time, ICollection<BehaviourEvent> events)
    {
        if (!InScope(r, mem) || !mem.History.TryVelocity(time, rule.SpeedWindow, out var vx, out var vy))
        {
            return;
        }

        var speed = Math.Sqrt((vx * vx) + (vy * vy));
        if (speed < 0.7 * rule.MinSpeed)
        {
            mem.Fired[r] = false;
            mem.Since[r] = null;
            return;
        }

        if (speed < rule.MinSpeed)
        {
            mem.Since[r] = null;
            return;
        }

        mem.Since[r] ??= time;
        if (!mem.Fired[r] && time - mem.Since[r]!.Value >= rule.SustainFor)
        {
            mem.Fired[r] = true;
            events.Add(Event(BehaviourKind.Running, rule, r, time, mem.Since[r]!.Value, mem, speed));
        }
    }

    private void EvaluateWrongWay(WrongWayRule rule, int r, TrackMemory mem, DateTimeOffset time, ICollection<BehaviourEvent> events)
    {
        if (mem.Fired[r] || !InScope(r, mem) || !mem.History.TryVelocity(time, rule.SpeedWindow, out var vx, out var vy))
        {
            return;
        }

        var speed = Math.Sqrt((vx * vx) + (vy * vy));
        var allowed = Math.Sqrt((rule.AllowedX * rule.AllowedX) + (rule.AllowedY * rule.AllowedY));
        var against = speed >= rule.MinSpeed && allowed > 0
            && ((vx * rule.AllowedX) + (vy * rule.AllowedY)) / (speed * allowed) <= Math.Cos(rule.MinAngleDegrees * Math.PI / 180);
        if (!against)
        {
            mem.Since[r] = null;
            return;
        }

        mem.Since[r] ??= time;
        if (time - mem.Since[r]!.Value >= rule.SustainFor)
        {
            mem.Fired[r] = true;
            events.Add(Event(BehaviourKind.WrongWay, rule, r, time, mem.Since[r]!.Value, mem, speed));
        }
    }

    private void EvaluateCrowd(CrowdRule rule, int r, DateTimeOffset time, ReadOnlySpan<TrackedObject> tracks, ICollection<BehaviourEvent> events)
    {
        var z = _ruleZone[r];
        var count = 0;
        foreach (ref readonly var t in tracks)
        {
            if (rule.Applies(t.Class) && _memory[t.TrackId].InsideNow[z])
            {
                count++;
            }
        }

        var density = _zoneGroundArea[z] > 0 ? count / _zoneGroundArea[z] : 0;
        var above = (rule.MaxCount is { } maxCount && count >= maxCount) || (rule.MaxDensity is { } maxDensity && density >= maxDensity);
        ref var state = ref _crowd[r];
        if (above)
        {
            state.BelowSince = null;
            state.AboveSince ??= time;
            if (!state.Active && time - state.AboveSince.Value >= rule.SustainFor)
            {
                state.Active = true;
                var value = rule.MaxCount is not null ? count : density;
                events.Add(new BehaviourEvent(BehaviourKind.Crowd, _camera.CameraId, rule.Id, rule.ZoneId, time, state.AboveSince.Value, null, ObjectClass.Person, default, value));
            }

            return;
        }

        state.AboveSince = null;
        state.BelowSince ??= time;
        if (state.Active && time - state.BelowSince.Value >= rule.ClearAfter)
        {
            state.Active = false;
        }
    }

    private BehaviourEvent Event(BehaviourKind kind, BehaviourRule rule, int r, DateTimeOffset time, DateTimeOffset since, TrackMemory mem, double value, int direction = 0) =>
        new(kind, _camera.CameraId, rule.Id, _ruleZone[r] < 0 ? null : _zones[_ruleZone[r]].Id, time, since, mem.TrackId, mem.Class, mem.Box, value, direction);

    private void Forget(DateTimeOffset time)
    {
        _expired.Clear();
        foreach (var (id, mem) in _memory)
        {
            if (time - mem.LastSeen > ForgetAfter)
            {
                _expired.Add(id);
            }
        }

        foreach (var id in _expired)
        {
            _pool.Push(_memory[id]);
            _memory.Remove(id);
        }

        foreach (var spots in _spots)
        {
            for (var i = spots.Count - 1; i >= 0; i--)
            {
                if (time - spots[i].LastSeen > _stationary.SpotMemory)
                {
                    spots.RemoveAt(i);
                }
            }
        }
    }

    private static double GroundArea(CameraModel camera, Zone zone)
    {
        if (zone.Space == CoordinateSpace.Ground)
        {
            return zone.Area.Area();
        }

        if (!camera.IsCalibrated)
        {
            return 0;
        }

        var n = zone.Area.VertexCount;
        var xy = new double[2 * n];
        for (var i = 0; i < n; i++)
        {
            if (!camera.TryToGround(zone.Area.X(i), zone.Area.Y(i), out xy[2 * i], out xy[(2 * i) + 1]))
            {
                return 0;
            }
        }

        return new Polygon(xy).Area();
    }

    private readonly record struct Spot(ObjectClass Class, double X, double Y, DateTimeOffset LastSeen);

    private struct CrowdState
    {
        public bool Active;
        public DateTimeOffset? AboveSince;
        public DateTimeOffset? BelowSince;
    }
}
