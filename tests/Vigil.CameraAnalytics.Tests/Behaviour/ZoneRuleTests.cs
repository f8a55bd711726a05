using Vigil.CameraAnalytics.Behaviour;
using Vigil.CameraAnalytics.Detections;
using Vigil.CameraAnalytics.Geometry;
using static Vigil.CameraAnalytics.Tests.Behaviour.BehaviourScenario;

namespace Vigil.CameraAnalytics.Tests.Behaviour;

public sealed class ZoneRuleTests
{
    private static readonly Zone Yard = new("yard", new Polygon(500, 500, 1000, 500, 1000, 1000, 500, 1000));

    [Fact]
    public void Intrusion_entering_zone_alerts_once_per_presence()
    {
        var s = new BehaviourScenario([Yard], [new IntrusionRule("no-entry", "yard")]);
        s.Frames(10, i => [Object(1, 400 + (i * 20), 700)]);  // walks in at x = 500
        s.Frames(20, _ => [Object(1, 700, 700)]);              // stays
        Assert.Single(s.Events);
        Assert.Equal(BehaviourKind.Intrusion, s.Events[0].Kind);
        Assert.Equal("yard", s.Events[0].ZoneId);

        s.Frames(20, _ => [Object(1, 300, 700)]);              // leaves for 2 s (grace is 1 s)
        s.Frames(5, _ => [Object(1, 700, 700)]);               // comes back
        Assert.Equal(2, s.Events.Count);
    }

    [Fact]
    public void Intrusion_outside_schedule_does_not_alert()
    {
        // Armed Monday 20:00 to Tuesday 06:00; the scenario runs on Monday at noon.
        var schedule = new WeeklySchedule(TimeZoneInfo.Utc, new WeeklySchedule.Window(DayOfWeek.Monday, new TimeOnly(20, 0), new TimeOnly(6, 0)));
        var s = new BehaviourScenario([Yard], [new IntrusionRule("night", "yard") { Schedule = schedule }]);
        s.Frames(30, _ => [Object(1, 700, 700)]);
        Assert.Empty(s.Events);
    }

    [Fact]
    public void Schedule_overnight_window_covers_the_next_morning()
    {
        var schedule = new WeeklySchedule(TimeZoneInfo.Utc, new WeeklySchedule.Window(DayOfWeek.Monday, new TimeOnly(20, 0), new TimeOnly(6, 0)));
        Assert.True(schedule.IsActive(new DateTimeOffset(2026, 3, 2, 21, 0, 0, TimeSpan.Zero)));
        Assert.True(schedule.IsActive(new DateTimeOffset(2026, 3, 3, 5, 59, 0, TimeSpan.Zero)));
        Assert.False(schedule.IsActive(new DateTimeOffset(2026, 3, 3, 6, 0, 0, TimeSpan.Zero)));
        Assert.False(schedule.IsActive(new DateTimeOffset(2026, 3, 2, 19, 59, 0, TimeSpan.Zero)));
        Assert.True(WeeklySchedule.Always.IsActive(Start));
    }

    [Fact]
    public void Loitering_fires_once_after_dwell_and_survives_brief_exits()
    {
        var s = new BehaviourScenario([Yard], [new LoiteringRule("loiter", "yard", TimeSpan.FromSeconds(5))]);
        s.Frames(30, _ => [Object(1, 700, 700)]);
        s.Frames(5, _ => [Object(1, 1010, 700)]);  // steps out for 0.5 s: within the grace, the dwell continues
        s.Frames(14, _ => [Object(1, 700, 700)]);
        Assert.Empty(s.Events);                    // 4.9 s so far
        s.Frames(100, _ => [Object(1, 700, 700)]);
        var e = Assert.Single(s.Events);
        Assert.Equal(BehaviourKind.Loitering, e.Kind);
        Assert.Equal(5.0, e.Value, 6);
    }

    [Fact]
    public void Crowd_count_hovering_at_threshold_alerts_once()
    {
        var rule = new CrowdRule("crowd", "yard") { MaxCount = 5, SustainFor = TimeSpan.FromSeconds(2), ClearAfter = TimeSpan.FromSeconds(10) };
        var s = new BehaviourScenario([Yard], [rule]);
        Vigil.CameraAnalytics.Tracking.TrackedObject[] People(int n)
        {
            var a = new Vigil.CameraAnalytics.Tracking.TrackedObject[n];
            for (var k = 0; k < n; k++)
            {
                a[k] = Object(k + 1, 550 + (k * 80), 700);
            }

            return a;
        }

        s.Frames(15, _ => People(5));
        Assert.Empty(s.Events);                               // 1.5 s < 2 s
        s.Frames(10, _ => People(5));
        var e = Assert.Single(s.Events);
        s.Frames(200, i => People(i % 20 < 10 ? 5 : 4));     // hovers at the threshold for 20 s
        Assert.Single(s.Events);
        Assert.Equal(BehaviourKind.Crowd, e.Kind);
        Assert.Equal(5, e.Value);
        Assert.Null(e.TrackId);

        s.Frames(110, _ => People(2));                        // clears for 11 s
        s.Frames(25, _ => People(6));
        Assert.Equal(2, s.Events.Count);
    }

    [Fact]
    public void Crowd_density_is_persons_per_square_metre_on_the_ground()
    {
        // The yard is 5 m x 5 m = 25 m² at 1 cm per pixel; 6 persons = 0.24 persons/m².
        var rule = new CrowdRule("dense", "yard") { MaxDensity = 0.22, SustainFor = TimeSpan.Zero };
        var s = new BehaviourScenario([Yard], [rule]);
        s.Frame(Object(1, 550, 700), Object(2, 600, 700), Object(3, 650, 700), Object(4, 700, 700), Object(5, 750, 700));
        Assert.Empty(s.Events);
        s.Frame(Object(1, 550, 700), Object(2, 600, 700), Object(3, 650, 700), Object(4, 700, 700), Object(5, 750, 700), Object(6, 800, 700));
        Assert.Equal(0.24, Assert.Single(s.Events).Value, 9);
    }

    [Fact]
    public void TryCreate_unknown_zone_and_uncalibrated_speed_rule_fail_with_reason()
    {
        var camera = new CameraModel("cam", 640, 480, 25);
        Assert.False(BehaviourEngine.TryCreate(camera, [Yard], [new LoiteringRule("l", "park", TimeSpan.FromSeconds(1))], out _, out var error));
        Assert.Contains("unknown zone 'park'", error, StringComparison.Ordinal);
        Assert.False(BehaviourEngine.TryCreate(camera, [Yard], [new RunningRule("run", null, 3)], out _, out error));
        Assert.Contains("no ground calibration", error, StringComparison.Ordinal);
        Assert.False(BehaviourEngine.TryCreate(camera, [Yard], [new CrowdRule("c", "yard")], out _, out error));
        Assert.Contains("threshold", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Polygon_contains_and_area()
    {
        var p = new Polygon(0, 0, 4, 0, 4, 3, 0, 3);
        Assert.True(p.Contains(1, 1));
        Assert.False(p.Contains(5, 1));
        Assert.Equal(12, p.Area());
        var concave = new Polygon(0, 0, 10, 0, 10, 10, 5, 2, 0, 10);
        Assert.False(concave.Contains(5, 8));
        Assert.True(concave.Contains(2, 2));
        Assert.Throws<ArgumentException>(() => new Polygon(0, 0, 1, 1));
    }
}
