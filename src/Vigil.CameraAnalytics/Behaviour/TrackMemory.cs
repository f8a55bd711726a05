using Vigil.CameraAnalytics.Detections;

namespace Vigil.CameraAnalytics.Behaviour;

/// <summary>What the behaviour engine remembers about one track; pooled and reused across tracks.</summary>
internal sealed class TrackMemory
{
    public TrackMemory(int zones, int rules)
    {
        InsideNow = new bool[zones];
        PresentSince = new DateTimeOffset?[zones];
        LastInside = new DateTimeOffset[zones];
        Fired = new bool[rules];
        Since = new DateTimeOffset?[rules];
        Side = new int[rules];
        HandledEpisode = new int[rules];
    }

    public int TrackId { get; private set; }

    public DateTimeOffset LastSeen { get; set; }

    public ObjectClass Class { get; set; }

    public BoundingBox Box { get; set; }

    public double FootX { get; set; }

    public double FootY { get; set; }

    public bool HasGround { get; set; }

    // Fields rather than properties: passed by reference to out parameters on the per-frame path.
    public double GroundX;
    public double GroundY;
    public StationaryFilter Stationary;

    public PositionHistory History { get; } = new();

    public bool[] InsideNow { get; }

    public DateTimeOffset?[] PresentSince { get; }

    public DateTimeOffset[] LastInside { get; }

    public bool[] Fired { get; }

    public DateTimeOffset?[] Since { get; }

    public int[] Side { get; }

    public int[] HandledEpisode { get; }

    public void Reset(int trackId)
    {
        TrackId = trackId;
        HasGround = false;
        Stationary = default;
        History.Clear();
        Array.Clear(InsideNow);
        Array.Clear(PresentSince);
        Array.Clear(LastInside);
        Array.Clear(Fired);
        Array.Clear(Since);
        Array.Clear(Side);
        Array.Clear(HandledEpisode);
    }
}
