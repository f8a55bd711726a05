using Vigil.CameraAnalytics.Behaviour;
using Vigil.CameraAnalytics.Detections;
using static Vigil.CameraAnalytics.Tests.Behaviour.BehaviourScenario;

namespace Vigil.CameraAnalytics.Tests.Behaviour;

public sealed class MotionRuleTests
{
    private static readonly Zone Street = new("street", new Polygon(0, 0, 5000, 0, 5000, 5000, 0, 5000));

    [Fact]
    public void Running_fast_person_alerts_and_walker_does_not()
    {
        var s = new BehaviourScenario([Street], [new RunningRule("run", "street", 2.5)]);

        // 1 px = 1 cm, 10 frames/s: 14 px/frame = 1.4 m/s (walking), 40 px/frame = 4 m/s (running).
        s.Frames(50, i => [Object(1, 100 + (14 * i), 1000), Object(2, 100 + (40 * i), 2000)]);
        var e = Assert.Single(s.Events);
        Assert.Equal(BehaviourKind.Running, e.Kind);
        Assert.Equal(2, e.TrackId);
        Assert.Equal(4.0, e.Value, 6);
    }

    [Fact]
    public void WrongWay_against_allowed_direction_alerts_once()
    {
        var s = new BehaviourScenario([Street], [new WrongWayRule("one-way", "street", 1, 0)]);
        s.Frames(50, i => [Object(1, 100 + (14 * i), 1000), Object(2, 3000 - (14 * i), 2000)]);
        var e = Assert.Single(s.Events);
        Assert.Equal(BehaviourKind.WrongWay, e.Kind);
        Assert.Equal(2, e.TrackId);
    }

    [Fact]
    public void LineCrossing_counts_by_direction()
    {
        var line = new LineCrossingRule("gate", 1000, 0, 1000, 2000) { Band = 10 };
        var s = new BehaviourScenario([Street], [line]);
        s.Frames(20, i => [Object(1, 900 + (10 * i), 500)]);   // left to right
        s.Frames(20, i => [Object(1, 1090 - (10 * i), 500)]);  // and back
        s.Frames(20, i => [Object(2, 900 + (10 * i), 800)]);   // another one, left to right
        Assert.Equal(3, s.Events.Count);
        Assert.Equal(2, s.Engine.LineCount("gate", s.Events[0].Direction));
        Assert.Equal(1, s.Engine.LineCount("gate", -s.Events[0].Direction));
        Assert.Equal(-s.Events[0].Direction, s.Events[1].Direction);
    }

    [Fact]
    public void LineCrossing_person_standing_on_the_line_is_not_counted()
    {
        var line = new LineCrossingRule("gate", 1000, 0, 1000, 2000) { Band = 10 };
        var s = new BehaviourScenario([Street], [line]);
        s.Frames(10, i => [Object(1, 950 + (i * 4), 500)]);                  // approaches to x = 986
        s.Frames(100, i => [Object(1, 1000 + (i % 2 == 0 ? 8 : -8), 500)]);  // jitters on the line, inside the band
        Assert.Empty(s.Events);
    }

    [Fact]
    public void LineCrossing_passing_beyond_segment_end_is_not_counted()
    {
        var line = new LineCrossingRule("gate", 1000, 0, 1000, 400) { Band = 10 };
        var s = new BehaviourScenario([Street], [line]);
        s.Frames(20, i => [Object(1, 900 + (10 * i), 900)]);
        Assert.Empty(s.Events);
    }
}
