using System.ComponentModel.DataAnnotations;
using Vigil.Domain.Units;

namespace Vigil.Server.Routing;

/// <summary>The road network the server routes on, live traffic, and which unit kinds suit which incident types.</summary>
public sealed class RoutingOptions
{
    public const string Section = "Vigil:Routing";

    /// <summary>A graph file written by <c>vigil city import</c>; without one (and without a network given by the host) routing answers 503.</summary>
    public string? GraphFile { get; set; }

    /// <summary>
    /// A walking graph written by <c>vigil city import --profile foot</c>: guard tours walk on it (footways, paths, steps
    /// and streets, both ways along each). Without one (and without a walking network given by the host), tours drive
    /// on <see cref="GraphFile"/> unless a request asks to walk, which is then timed in straight lines at walking speed.
    /// </summary>
    public string? WalkGraphFile { get; set; }

    /// <summary>Farthest an incident, unit or station may lie from a road and still be routed, in metres.</summary>
    [Range(1, 20_000)]
    public double MaxSnapMeters { get; set; } = 1000;

    /// <summary>Farthest a traffic sensor may lie from the road it measures, in metres.</summary>
    [Range(1, 500)]
    public double TrafficSnapMeters { get; set; } = 60;

    /// <summary>How often live speeds are folded into the metric (one CCH customisation per round).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan TrafficInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How old a speed reading may be and still count; older ones leave their road at free flow.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "06:00:00")]
    public TimeSpan TrafficWindow { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Floor on observed speeds in km/h: a sensor in a standstill reads 0, but emergency vehicles still pass queues on
    /// the shoulder or against traffic, so a jam slows a road a lot without closing it.
    /// </summary>
    [Range(1, 50)]
    public double MinTrafficKmh { get; set; } = 8;

    /// <summary>Unit kinds that may answer each incident type (lower-case type); types not listed fall back to <see cref="DefaultUnitKinds"/>.</summary>
    public Dictionary<string, UnitKind[]> SuitableUnits { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["fire"] = [UnitKind.Fire],
        ["medical"] = [UnitKind.Ems],
        ["crime"] = [UnitKind.Police],
        ["gunshot"] = [UnitKind.Police],
        ["panic"] = [UnitKind.Police, UnitKind.Security],
        ["flood"] = [UnitKind.Fire],
        ["pollution"] = [UnitKind.Fire],
        ["traffic-obstruction"] = [UnitKind.Police],
        ["power-fault"] = [UnitKind.Security],
        ["water-main-break"] = [UnitKind.Fire],
    };

    [MinLength(1)]
    public UnitKind[] DefaultUnitKinds { get; set; } = [UnitKind.Police];

    public IReadOnlyList<UnitKind> KindsFor(string incidentType) =>
        SuitableUnits.TryGetValue(incidentType, out var kinds) && kinds.Length > 0 ? kinds : DefaultUnitKinds;
}
