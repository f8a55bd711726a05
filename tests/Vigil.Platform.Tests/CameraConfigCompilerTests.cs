using Vigil.CameraAnalytics.Behaviour;
using Vigil.CameraAnalytics.Geometry;
using Vigil.Platform.Cameras;
using Vigil.Platform.Ingest;

namespace Vigil.Platform.Tests;

public sealed class CameraConfigCompilerTests
{
    private static readonly Vigil.Domain.Geo.GeoPoint Origin = new(44.49, 11.34);

    private static readonly PointPair[] Square =
        [new(0, 1080, 0, 0), new(1920, 1080, 19.2, 0), new(1920, 0, 19.2, 10.8), new(0, 0, 0, 10.8)];

    [Fact]
    public void Valid_configuration_compiles_into_a_calibrated_model_with_its_rules()
    {
        var errors = new List<FieldError>();
        var setup = CameraConfigCompiler.TryCompile("cam", Origin, Request(Square, [Zone("yard")], [new CameraRuleView("r", BehaviourKind.Loitering, "yard", Seconds: 30)]), DateTimeOffset.UnixEpoch, errors);

        Assert.Empty(errors);
        Assert.NotNull(setup);
        Assert.True(setup.Model.IsCalibrated);
        Assert.True(setup.Model.TryToGround(1920, 0, out var x, out var y));
        Assert.Equal((19.2, 10.8), (Math.Round(x, 6), Math.Round(y, 6)));
        var rule = Assert.IsType<LoiteringRule>(Assert.Single(setup.Rules));
        Assert.Equal(TimeSpan.FromSeconds(30), rule.MinDwell);
    }

    [Fact]
    public void Three_pairs_or_collinear_pairs_are_refused_on_calibration()
    {
        Assert.Equal(["calibration"], Fields(Request(Square[..3], [], [])));
        Assert.Equal(["calibration"], Fields(Request([new(0, 0, 0, 0), new(1, 1, 1, 1), new(2, 2, 2, 2), new(3, 3, 3, 3)], [], [])));
    }

    [Fact]
    public void Every_bad_field_is_named_at_once()
    {
        var request = new CameraConfigRequest(0, 1080, 0, Square,
            [new CameraZoneView("z", [[0, 0], [1, double.NaN], [2, 2]])],
            [
                new CameraRuleView("a", BehaviourKind.Running),
                new CameraRuleView("b", BehaviourKind.LineCrossing, Line: [1, 1, 1, 1]),
                new CameraRuleView("c", BehaviourKind.Intrusion, "z", Schedule: [new ScheduleWindowView(DayOfWeek.Monday, new TimeOnly(20, 0), new TimeOnly(6, 0))], TimeZone: "Nowhere/Atlantis"),
            ]);

        Assert.Equal(["imageWidth", "frameRate", "zones[0].polygon[1]", "rules[0].speed", "rules[1].line", "rules[2].timeZone"], Fields(request));
    }

    [Fact]
    public void Rule_in_metres_on_an_uncalibrated_camera_is_refused_on_rules()
    {
        var fields = Fields(Request(null, [Zone("yard")], [new CameraRuleView("run", BehaviourKind.Running, "yard", Speed: 3)]));
        Assert.Equal(["rules"], fields);
    }

    private static List<string> Fields(CameraConfigRequest request)
    {
        var errors = new List<FieldError>();
        Assert.Null(CameraConfigCompiler.TryCompile("cam", Origin, request, DateTimeOffset.UnixEpoch, errors));
        return errors.ConvertAll(e => e.Field);
    }

    private static CameraZoneView Zone(string id) => new(id, [[0, 0], [1920, 0], [1920, 1080], [0, 1080]]);

    private static CameraConfigRequest Request(PointPair[]? calibration, CameraZoneView[] zones, CameraRuleView[] rules) =>
        new(1920, 1080, 15, calibration, zones, rules);
}
