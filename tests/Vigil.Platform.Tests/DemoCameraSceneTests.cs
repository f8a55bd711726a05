using Vigil.CameraAnalytics.Behaviour;
using Vigil.CameraAnalytics.Detections;
using Vigil.CameraAnalytics.Geometry;
using Vigil.CameraAnalytics.Tracking;
using Vigil.Platform.Cameras;
using Vigil.Platform.Ingest;
using Vigil.Simulation;

namespace Vigil.Platform.Tests;

/// <summary>
/// The demo's camera script, through the real tracker and behaviour engine: it must produce what the demo promises
/// (one running event shortly after the first gunshot, one loiterer, one piece of left luggage) and nothing spurious.
/// </summary>
public sealed class DemoCameraSceneTests
{
    [Fact]
    public void Demo_scene_raises_running_loitering_and_left_luggage_once_each_per_cycle()
    {
        var errors = new List<FieldError>();
        const double W = CameraScene.ImageWidth, H = CameraScene.ImageHeight, S = CameraScene.PixelsPerMetre;
        var setup = CameraConfigCompiler.TryCompile("cam", new Domain.Geo.GeoPoint(44.49, 11.34), new CameraConfigRequest(
            CameraScene.ImageWidth, CameraScene.ImageHeight, CameraScene.FrameRate,
            [new PointPair(0, H, 0, 0), new PointPair(W, H, W / S, 0), new PointPair(W, 0, W / S, H / S), new PointPair(0, 0, 0, H / S)],
            [new CameraZoneView("square", [[0, 0], [W, 0], [W, H], [0, H]]), new CameraZoneView("bench", [[12.5, 6], [17.5, 6], [17.5, 9.5], [12.5, 9.5]], CoordinateSpace.Ground)],
            [
                new CameraRuleView("running", BehaviourKind.Running, Zone: "square", Speed: 2.5),
                new CameraRuleView("loitering", BehaviourKind.Loitering, Zone: "bench", Seconds: 60),
                new CameraRuleView("left-luggage", BehaviourKind.AbandonedObject, Seconds: 30, OwnerRadius: 3),
            ]), DateTimeOffset.UnixEpoch, errors)!;
        Assert.Empty(errors);
        Assert.True(BehaviourEngine.TryCreate(setup.Model, setup.Zones, setup.Rules, out var engine, out _));
        var tracker = new ByteTracker(new ByteTrackerOptions { FrameRate = CameraScene.FrameRate });
        var scene = new CameraScene(4, TimeSpan.Zero);
        var objects = new List<SceneObject>();
        var output = new TrackedObject[64];
        var events = new List<BehaviourEvent>();
        var start = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
        var frames = (int)(CameraScene.Cycle.TotalSeconds * CameraScene.FrameRate);
        for (var f = 0; f < frames; f++)
        {
            var elapsed = TimeSpan.FromSeconds(f / CameraScene.FrameRate);
            scene.Detect(elapsed, objects);
            var detections = objects.ConvertAll(o => new CameraAnalytics.Detections.Detection(new BoundingBox(o.X, o.Y, o.W, o.H), (float)o.Confidence, Enum.Parse<ObjectClass>(o.Class)));
            var n = tracker.Update(detections.ToArray(), output);
            engine!.Process(start + elapsed, output.AsSpan(0, n), events);
        }

        var running = events.FindAll(e => e.Kind == BehaviourKind.Running);
        Assert.NotEmpty(running);
        Assert.All(running, e => Assert.InRange((e.Time - start).TotalSeconds, CameraScene.RunnersAt, CameraScene.RunnersAt + 8));
        var loitering = Assert.Single(events, e => e.Kind == BehaviourKind.Loitering);
        Assert.InRange((loitering.Time - start).TotalSeconds, 70, 75);
        var luggage = Assert.Single(events, e => e.Kind == BehaviourKind.AbandonedObject);
        Assert.Equal(ObjectClass.Suitcase, luggage.Class);
    }
}
