using Vigil.CameraAnalytics.Behaviour;
using Vigil.CameraAnalytics.Detections;
using Vigil.CameraAnalytics.Tracking;
using Vigil.Domain.Geo;
using Vigil.Platform.Ingest;
using CameraDetection = Vigil.CameraAnalytics.Detections.Detection;

namespace Vigil.Platform.Cameras;

/// <summary>One camera's tracker, behaviour engine, and the short memory of tracks and events the console draws.</summary>
internal sealed class CameraState
{
    // What the console shows: the last 100 events, and paths of tracks seen in the last 30 s, a point every 0.5 s.
    private const int MaxEvents = 100;
    private const int MaxPathPoints = 60;
    private static readonly TimeSpan TrailKeep = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PathStep = TimeSpan.FromSeconds(0.5);

    private readonly ByteTracker _tracker;
    private readonly BehaviourEngine _engine;
    private readonly Dictionary<int, Trail> _trails = [];
    private readonly Queue<CameraEventView> _events = new();
    private readonly List<int> _expired = [];
    private TrackedObject[] _output = new TrackedObject[64];

    public CameraState(DeviceEntry entry, CameraConfigView config, CameraSetup setup, BehaviourEngine engine)
    {
        Entry = entry;
        Config = config;
        Setup = setup;
        _engine = engine;
        _tracker = new ByteTracker(new ByteTrackerOptions { FrameRate = setup.Model.FrameRate });
    }

    public DeviceEntry Entry { get; }

    public CameraConfigView Config { get; }

    public CameraSetup Setup { get; }

    public long LastFrameIndex { get; private set; } = -1;

    public DateTimeOffset LastFrameTime { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>Behaviour events seen since this state was built.</summary>
    public int NewEvents { get; private set; }

    public void Track(DetectionFrame frame, List<BehaviourEvent> events)
    {
        // Frames the camera skipped (nothing to send, or dropped) still age lost tracks, as the tracker counts frames,
        // but a long gap needs no more than the lost-track buffer to clear them.
        if (LastFrameIndex >= 0)
        {
            var missed = Math.Min(frame.FrameIndex - LastFrameIndex - 1, 2L * (long)Math.Ceiling(Setup.Model.FrameRate));
            for (var i = 0L; i < missed; i++)
            {
                _tracker.Update([], _output);
            }
        }

        if (_output.Length < frame.Detections.Count)
        {
            _output = new TrackedObject[frame.Detections.Count * 2];
        }

        var detections = frame.Detections is CameraDetection[] array ? array : [.. frame.Detections];
        var count = _tracker.Update(detections, _output);
        var tracks = _output.AsSpan(0, count);
        _engine.Process(frame.Time, tracks, events);
        NewEvents += events.Count;
        LastFrameIndex = frame.FrameIndex;
        LastFrameTime = frame.Time;
        foreach (ref readonly var t in tracks)
        {
            Follow(t, frame.Time);
        }
    }

    /// <summary>WGS84 position of an image point, or null for an uncalibrated camera or a point beyond the horizon.</summary>
    public GeoPoint? Locate(double imageX, double imageY)
    {
        var model = Setup.Model;
        return model.TryToGround(imageX, imageY, out var gx, out var gy) && model.TryToGeo(gx, gy, out var geo)
            ? new GeoPoint(geo.Latitude, geo.Longitude)
            : null;
    }

    public void Remember(BehaviourEvent e, GeoPoint? location, bool alarmed)
    {
        var box = e.Box;
        _events.Enqueue(new CameraEventView(e.Kind, e.RuleId, e.ZoneId, e.Time, e.Since, e.TrackId, e.Class,
            [box.Left, box.Top, box.Width, box.Height], e.Value, e.Direction, location?.Lat, location?.Lon, alarmed));
        while (_events.Count > MaxEvents)
        {
            _events.Dequeue();
        }
    }

    public IReadOnlyList<CameraEventView> RecentEvents()
    {
        var copy = _events.ToArray();
        Array.Reverse(copy);
        return copy;
    }

    public IReadOnlyList<CameraTrackView> RecentTracks()
    {
        _expired.Clear();
        var views = new List<CameraTrackView>(_trails.Count);
        foreach (var (id, trail) in _trails)
        {
            if (LastFrameTime - trail.LastSeen > TrailKeep)
            {
                _expired.Add(id);
                continue;
            }

            views.Add(new CameraTrackView(id, trail.Class, trail.FirstSeen, trail.LastSeen, [.. trail.Path]));
        }

        foreach (var id in _expired)
        {
            _trails.Remove(id);
        }

        return views;
    }

    private void Follow(in TrackedObject t, DateTimeOffset time)
    {
        if (!_trails.TryGetValue(t.TrackId, out var trail))
        {
            trail = new Trail(t.Class, time);
            _trails[t.TrackId] = trail;
        }

        trail.LastSeen = time;
        if (time - trail.LastPoint < PathStep || Locate(t.Box.FootX, t.Box.FootY) is not { } at)
        {
            return;
        }

        trail.LastPoint = time;
        trail.Path.Add([Math.Round(at.Lat, 7), Math.Round(at.Lon, 7)]);
        if (trail.Path.Count > MaxPathPoints)
        {
            trail.Path.RemoveAt(0);
        }
    }

    private sealed class Trail(ObjectClass objectClass, DateTimeOffset firstSeen)
    {
        public ObjectClass Class { get; } = objectClass;

        public DateTimeOffset FirstSeen { get; } = firstSeen;

        public DateTimeOffset LastSeen { get; set; } = firstSeen;

        public DateTimeOffset LastPoint { get; set; } = DateTimeOffset.MinValue;

        public List<double[]> Path { get; } = [];
    }
}
