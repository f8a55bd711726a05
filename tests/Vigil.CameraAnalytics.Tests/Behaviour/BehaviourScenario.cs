using Vigil.CameraAnalytics.Behaviour;
using Vigil.CameraAnalytics.Detections;
using Vigil.CameraAnalytics.Geometry;
using Vigil.CameraAnalytics.Tracking;

namespace Vigil.CameraAnalytics.Tests.Behaviour;

/// <summary>Drives a behaviour engine at 10 frames/s from scripted tracks and collects its events.</summary>
internal sealed class BehaviourScenario
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero); // a Monday

    private readonly BehaviourEngine _engine;

    public BehaviourScenario(IReadOnlyList<Zone> zones, IReadOnlyList<BehaviourRule> rules, bool calibrated = true)
    {
        // 1 pixel = 1 cm on the ground: simple enough to reason about metres in the tests.
        var camera = new CameraModel("cam-7", 1920, 1080, 10, calibrated ? Homography.FromCoefficients([0.01, 0, 0, 0, 0.01, 0, 0, 0, 1]) : null);
        Assert.True(BehaviourEngine.TryCreate(camera, zones, rules, out var engine, out var error), error);
        _engine = engine!;
    }

    public BehaviourEngine Engine => _engine;

    public List<BehaviourEvent> Events { get; } = [];

    public DateTimeOffset Now { get; private set; } = Start;

    public static TrackedObject Object(int id, double footX, double footY, ObjectClass cls = ObjectClass.Person, double height = 170)
    {
        var width = height * 0.4;
        return new TrackedObject(id, new BoundingBox(footX - (width / 2), footY - height, width, height), 0.9f, cls, 0, 0, 1);
    }

    /// <summary>Advances one frame (0.1 s) with the given tracks.</summary>
    public void Frame(params TrackedObject[] tracks)
    {
        _engine.Process(Now, tracks, Events);
        Now += TimeSpan.FromSeconds(0.1);
    }

    public void Frames(int count, Func<int, TrackedObject[]> tracks)
    {
        for (var i = 0; i < count; i++)
        {
            Frame(tracks(i));
        }
    }
}
