using Vigil.CameraAnalytics.Behaviour;
using Vigil.CameraAnalytics.Detections;
using Vigil.CameraAnalytics.Geometry;
using Vigil.Platform.Ingest;

namespace Vigil.Platform.Cameras;

/// <summary>
/// Checks a camera configuration and compiles it into a camera model, zones and behaviour rules. Every problem is
/// reported against the JSON field that causes it, so an administrator can fix a whole configuration in one pass.
/// </summary>
public static class CameraConfigCompiler
{
    // Upper bounds that keep one camera's state small; real cameras are far below them.
    private const int MaxImageSide = 16_384;
    private const double MaxFrameRate = 240;
    private const int MaxZones = 64;
    private const int MaxRules = 128;
    private const int MaxVertices = 256;

    /// <param name="origin">WGS84 position of the ground frame's origin: the camera device's registered location.</param>
    public static CameraSetup? TryCompile(string cameraId, Domain.Geo.GeoPoint origin, CameraConfigRequest? request, DateTimeOffset updatedAt, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (request is null)
        {
            errors.Add(new FieldError("body", "is required."));
            return null;
        }

        if (request.ImageWidth is <= 0 or > MaxImageSide)
        {
            errors.Add(new FieldError("imageWidth", $"must be between 1 and {MaxImageSide} pixels."));
        }

        if (request.ImageHeight is <= 0 or > MaxImageSide)
        {
            errors.Add(new FieldError("imageHeight", $"must be between 1 and {MaxImageSide} pixels."));
        }

        if (!double.IsFinite(request.FrameRate) || request.FrameRate <= 0 || request.FrameRate > MaxFrameRate)
        {
            errors.Add(new FieldError("frameRate", $"must be above 0 and at most {MaxFrameRate} frames per second."));
        }

        Homography? homography = null;
        if (request.Calibration is { } pairs && !Homography.TryFit(pairs, out homography, out var fitError))
        {
            errors.Add(new FieldError("calibration", fitError + "."));
        }

        var zones = CompileZones(request.Zones ?? [], errors);
        var rules = CompileRules(request.Rules ?? [], errors);
        if (errors.Count > 0)
        {
            return null;
        }

        var model = new CameraModel(cameraId, request.ImageWidth, request.ImageHeight, request.FrameRate, homography, new GeoPoint(origin.Lat, origin.Lon));

        // The engine checks what only makes sense together: zones that rules name, rules in metres on an uncalibrated camera.
        if (!BehaviourEngine.TryCreate(model, zones, rules, out _, out var engineError))
        {
            errors.Add(new FieldError("rules", engineError + "."));
            return null;
        }

        return new CameraSetup(new CameraConfigView(cameraId, request, updatedAt), model, zones, rules);
    }

    private static List<Zone> CompileZones(IReadOnlyList<CameraZoneView> views, List<FieldError> errors)
    {
        var zones = new List<Zone>(views.Count);
        if (views.Count > MaxZones)
        {
            errors.Add(new FieldError("zones", $"at most {MaxZones} zones per camera."));
            return zones;
        }

        for (var i = 0; i < views.Count; i++)
        {
            var view = views[i];
            var field = $"zones[{i}]";
            if (view is null)
            {
                errors.Add(new FieldError(field, "must not be null."));
                continue;
            }

            if (string.IsNullOrWhiteSpace(view.Id))
            {
                errors.Add(new FieldError(field + ".id", "is required."));
                continue;
            }

            if (view.Polygon is null || view.Polygon.Count < 3 || view.Polygon.Count > MaxVertices)
            {
                errors.Add(new FieldError(field + ".polygon", $"needs 3 to {MaxVertices} [x, y] vertices."));
                continue;
            }

            var xy = new double[view.Polygon.Count * 2];
            var ok = true;
            for (var v = 0; v < view.Polygon.Count; v++)
            {
                var vertex = view.Polygon[v];
                if (vertex is not { Length: 2 } || !double.IsFinite(vertex[0]) || !double.IsFinite(vertex[1]))
                {
                    errors.Add(new FieldError($"{field}.polygon[{v}]", "must be [x, y] with finite numbers."));
                    ok = false;
                    break;
                }

                xy[2 * v] = vertex[0];
                xy[(2 * v) + 1] = vertex[1];
            }

            if (ok)
            {
                zones.Add(new Zone(view.Id, new Polygon(xy), view.Space));
            }
        }

        return zones;
    }

    private static List<BehaviourRule> CompileRules(IReadOnlyList<CameraRuleView> views, List<FieldError> errors)
    {
        var rules = new List<BehaviourRule>(views.Count);
        if (views.Count > MaxRules)
        {
            errors.Add(new FieldError("rules", $"at most {MaxRules} rules per camera."));
            return rules;
        }

        for (var i = 0; i < views.Count; i++)
        {
            var view = views[i];
            var field = $"rules[{i}]";
            if (view is null)
            {
                errors.Add(new FieldError(field, "must not be null."));
                continue;
            }

            if (string.IsNullOrWhiteSpace(view.Id))
            {
                errors.Add(new FieldError(field + ".id", "is required."));
                continue;
            }

            var before = errors.Count;
            var rule = Compile(view, field, errors);
            if (rule is not null && errors.Count == before)
            {
                rules.Add(view.Classes is { Count: > 0 } classes ? rule with { Classes = new HashSet<ObjectClass>(classes) } : rule);
            }
        }

        return rules;
    }

    private static BehaviourRule? Compile(CameraRuleView view, string field, List<FieldError> errors)
    {
        switch (view.Kind)
        {
            case BehaviourKind.Intrusion:
                return RequireZone(view, field, errors) && TrySchedule(view, field, errors, out var schedule)
                    ? new IntrusionRule(view.Id, view.Zone!) { Schedule = schedule }
                    : null;
            case BehaviourKind.Loitering:
                return RequireZone(view, field, errors) && RequirePositive(view.Seconds, field + ".seconds", errors)
                    ? new LoiteringRule(view.Id, view.Zone!, TimeSpan.FromSeconds(view.Seconds!.Value))
                    : null;
            case BehaviourKind.AbandonedObject:
                if (!RequirePositive(view.Seconds, field + ".seconds", errors))
                {
                    return null;
                }

                if (view.OwnerRadius is { } radius && (!double.IsFinite(radius) || radius <= 0))
                {
                    errors.Add(new FieldError(field + ".ownerRadius", "must be a positive number of metres, or null to switch the owner check off."));
                    return null;
                }

                return new AbandonedObjectRule(view.Id, view.Zone, TimeSpan.FromSeconds(view.Seconds!.Value))
                {
                    Classes = AbandonedObjectRule.CarriedObjects,
                    OwnerRadiusMetres = view.OwnerRadius,
                };
            case BehaviourKind.LineCrossing:
                if (view.Line is not { Length: 4 } line || !AllFinite(line) || (line[0] == line[2] && line[1] == line[3]))
                {
                    errors.Add(new FieldError(field + ".line", "must be [ax, ay, bx, by], two distinct points."));
                    return null;
                }

                return new LineCrossingRule(view.Id, line[0], line[1], line[2], line[3]) { Space = view.LineSpace, Band = view.LineSpace == CameraAnalytics.Behaviour.CoordinateSpace.Ground ? 0.3 : 5 };
            case BehaviourKind.Crowd:
                if (!RequireZone(view, field, errors))
                {
                    return null;
                }

                if (view.MaxCount is null && view.MaxDensity is null)
                {
                    errors.Add(new FieldError(field + ".maxCount", "a crowd rule needs maxCount or maxDensity."));
                    return null;
                }

                if (view.MaxCount is <= 0 || (view.MaxDensity is { } d && (!double.IsFinite(d) || d <= 0)))
                {
                    errors.Add(new FieldError(view.MaxCount is <= 0 ? field + ".maxCount" : field + ".maxDensity", "must be positive."));
                    return null;
                }

                return new CrowdRule(view.Id, view.Zone!) { MaxCount = view.MaxCount, MaxDensity = view.MaxDensity };
            case BehaviourKind.Running:
                return RequirePositive(view.Speed, field + ".speed", errors) ? new RunningRule(view.Id, view.Zone, view.Speed!.Value) : null;
            case BehaviourKind.WrongWay:
                if (!RequireZone(view, field, errors))
                {
                    return null;
                }

                if (view.Direction is not { Length: 2 } dir || !AllFinite(dir) || (dir[0] == 0 && dir[1] == 0))
                {
                    errors.Add(new FieldError(field + ".direction", "must be [dx, dy], a non-zero direction on the ground."));
                    return null;
                }

                var wrongWay = new WrongWayRule(view.Id, view.Zone!, dir[0], dir[1]);
                if (view.Speed is { } speed)
                {
                    if (!double.IsFinite(speed) || speed <= 0)
                    {
                        errors.Add(new FieldError(field + ".speed", "must be positive."));
                        return null;
                    }

                    wrongWay = wrongWay with { MinSpeed = speed };
                }

                return wrongWay;
            default:
                errors.Add(new FieldError(field + ".kind", "is not a known behaviour."));
                return null;
        }
    }

    private static bool RequireZone(CameraRuleView view, string field, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(view.Zone))
        {
            errors.Add(new FieldError(field + ".zone", $"is required for a {view.Kind} rule."));
            return false;
        }

        return true;
    }

    private static bool RequirePositive(double? value, string field, List<FieldError> errors)
    {
        if (value is not { } v || !double.IsFinite(v) || v <= 0)
        {
            errors.Add(new FieldError(field, "is required and must be positive."));
            return false;
        }

        return true;
    }

    private static bool TrySchedule(CameraRuleView view, string field, List<FieldError> errors, out WeeklySchedule schedule)
    {
        schedule = WeeklySchedule.Always;
        if (view.Schedule is not { Count: > 0 } windows)
        {
            return true;
        }

        var zone = TimeZoneInfo.Utc;
        if (!string.IsNullOrWhiteSpace(view.TimeZone) && !TimeZoneInfo.TryFindSystemTimeZoneById(view.TimeZone, out zone))
        {
            errors.Add(new FieldError(field + ".timeZone", $"'{view.TimeZone}' is not a known time zone."));
            return false;
        }

        var converted = new WeeklySchedule.Window[windows.Count];
        for (var w = 0; w < windows.Count; w++)
        {
            if (windows[w] is not { } window)
            {
                errors.Add(new FieldError($"{field}.schedule[{w}]", "must not be null."));
                return false;
            }

            converted[w] = new WeeklySchedule.Window(window.Day, window.Start, window.End);
        }

        schedule = new WeeklySchedule(zone!, converted);
        return true;
    }

    private static bool AllFinite(double[] values)
    {
        foreach (var v in values)
        {
            if (!double.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }
}
