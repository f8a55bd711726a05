using Vigil.CameraAnalytics.Behaviour;
using Vigil.CameraAnalytics.Detections;
using Vigil.CameraAnalytics.Tracking;
using static Vigil.CameraAnalytics.Tests.Behaviour.BehaviourScenario;

namespace Vigil.CameraAnalytics.Tests.Behaviour;

public sealed class StationaryRuleTests
{
    private static readonly Zone Platform = new("platform", new Polygon(0, 0, 4000, 0, 4000, 4000, 0, 4000));

    private static AbandonedObjectRule BagRule() =>
        new("bag", "platform", TimeSpan.FromSeconds(30)) { Classes = AbandonedObjectRule.CarriedObjects, OwnerRadiusMetres = 3 };

    [Fact]
    public void Abandoned_bag_left_alone_alerts_once()
    {
        var s = new BehaviourScenario([Platform], [BagRule()]);
        s.Frames(50, _ => [Object(1, 1000, 1000), Object(2, 1050, 1000, ObjectClass.Suitcase, 60)]);  // owner beside it
        s.Frames(100, i => [Object(1, 1000 + (30 * i), 1000), Object(2, 1050, 1000, ObjectClass.Suitcase, 60)]); // owner walks off at 3 m/s
        s.Frames(400, _ => [Object(2, 1050, 1000, ObjectClass.Suitcase, 60)]);
        var e = Assert.Single(s.Events);
        Assert.Equal(BehaviourKind.AbandonedObject, e.Kind);
        Assert.Equal(ObjectClass.Suitcase, e.Class);
        Assert.Equal(2, e.TrackId);
    }

    [Fact]
    public void Abandoned_bag_with_owner_close_by_does_not_alert()
    {
        var s = new BehaviourScenario([Platform], [BagRule()]);
        s.Frames(600, _ => [Object(1, 1150, 1000), Object(2, 1050, 1000, ObjectClass.Handbag, 40)]);  // owner 1 m away
        Assert.Empty(s.Events);
    }

    [Fact]
    public void Parked_car_with_jittering_box_alerts_once()
    {
        // Frigate issues #9001 and #17392: a parked car's box jitters by a few per cent and, now and then, jumps for a
        // frame or two (headlights, passers-by), and the car was reported as moving and stationary again, re-alerting.
        var rule = new AbandonedObjectRule("parked", "platform", TimeSpan.FromSeconds(10)) { Classes = new HashSet<ObjectClass> { ObjectClass.Car }, OwnerRadiusMetres = null };
        var s = new BehaviourScenario([Platform], [rule]);
        var rng = new Random(9001);
        s.Frames(30, i => [Object(5, 500 + (40 * i), 2000, ObjectClass.Car, 150)]);  // drives in
        s.Frames(6000, i =>
        {
            var spike = i % 400 < 3;                         // a 0.3 s jump every 40 s
            var dx = spike ? 60 : (rng.NextDouble() - 0.5) * 20;
            var dy = (rng.NextDouble() - 0.5) * 10;
            return [Object(5, 1700 + dx, 2000 + dy, ObjectClass.Car, 150 + ((rng.NextDouble() - 0.5) * 10))];
        });
        Assert.Single(s.Events);
    }

    [Fact]
    public void Parked_car_under_a_new_track_id_is_not_reported_again()
    {
        var rule = new AbandonedObjectRule("parked", "platform", TimeSpan.FromSeconds(10)) { Classes = new HashSet<ObjectClass> { ObjectClass.Car }, OwnerRadiusMetres = null };
        var s = new BehaviourScenario([Platform], [rule]);
        s.Frames(200, _ => [Object(5, 1700, 2000, ObjectClass.Car, 150)]);
        s.Frames(10, _ => Array.Empty<TrackedObject>());   // a bus hides it; the tracker loses it
        s.Frames(200, _ => [Object(9, 1703, 2002, ObjectClass.Car, 150)]);
        Assert.Single(s.Events);

        // A car that leaves and another that parks elsewhere is a new event.
        s.Frames(200, _ => [Object(11, 3000, 2000, ObjectClass.Car, 150)]);
        Assert.Equal(2, s.Events.Count);
    }
}
