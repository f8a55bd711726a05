using Vigil.Routing.Osm;

namespace Vigil.Routing.Import;

/// <summary>
/// Which OSM ways a person on foot may walk, for guard tours. The way classes follow OSRM's foot profile
/// (profiles/foot.lua, v5/v6): footways, pedestrian streets, paths, steps, tracks, piers, platforms and every ordinary
/// street, all at one walking speed; access follows the OSM wiki's "Key:access" hierarchy with <c>foot</c> as the most specific mode.
/// A pedestrian walks both ways along every way whatever its <c>oneway</c> (which is for vehicles), obeys only
/// <c>restriction:foot</c> relations, and turns round at no cost.
/// </summary>
public sealed class FootProfile : TravelProfile
{
    /// <summary>Ways of these <c>highway</c> classes are walkable unless their access tags say otherwise.</summary>
    private static readonly HashSet<string> Walkable = new(StringComparer.Ordinal)
    {
        "footway", "pedestrian", "path", "steps", "corridor", "platform", "track", "living_street", "residential",
        "service", "unclassified", "road", "tertiary", "tertiary_link", "secondary", "secondary_link", "primary",
        "primary_link",
    };

    public override string Name => "foot";

    /// <summary>
    /// Walking speed in km/h. 5 km/h is OSRM foot.lua's <c>walking_speed</c>, and about the 1.4 m/s that pedestrian
    /// studies give as the mean free walking speed of adults; a guard checking doors walks no faster.
    /// </summary>
    public double WalkingSpeedKmh { get; init; } = 5;

    /// <summary>
    /// Share of <see cref="WalkingSpeedKmh"/> kept on steps, measured along the way's plan length. OSRM leaves steps at
    /// full speed; climbing takes longer than that, so a tour over stairs is timed at half speed instead.
    /// </summary>
    public double StepsFactor { get; init; } = 0.5;

    /// <summary>Speed of a ferry without a usable <c>duration</c> tag, in km/h (as in <see cref="CarProfile"/>).</summary>
    public double DefaultFerrySpeedKmh { get; init; } = 10;

    /// <summary>
    /// Whether <c>access=private</c> / <c>foot=private</c> ways are walkable. They are by default: a guard's beat is a
    /// private site (a campus, a port, a hospital), whose internal paths are exactly the ones tagged private.
    /// </summary>
    public bool AllowPrivate { get; init; } = true;

    /// <summary>Nothing is lost turning round on foot.</summary>
    public override int UTurnPenaltyMs { get; init; }

    /// <summary>Car restrictions (no left turn, only straight on) do not bind a pedestrian; explicitly tagged foot ones do.</summary>
    public override IReadOnlyList<string> RestrictionKeys { get; } = ["restriction:foot"];

    public override IReadOnlyList<string> RestrictionExemptions { get; init; } = ["foot"];

    public override bool TryGetWay(OsmTagList tags, out WayRule rule)
    {
        rule = default;
        var foot = tags.Get("foot");
        var highway = tags.Get("highway");
        double speed;
        if (highway is not null)
        {
            if (!IsWalkableClass(highway, foot, tags))
            {
                return false;
            }

            // A mapped pedestrian square is walked around its outline (what OSRM does too); other areas are not ways.
            if (tags.Get("area") == "yes" && highway is not ("pedestrian" or "footway"))
            {
                return false;
            }

            speed = highway == "steps" ? WalkingSpeedKmh * StepsFactor : WalkingSpeedKmh;
        }
        else if (tags.Get("man_made") == "pier" || tags.Get("railway") == "platform" || tags.Get("public_transport") == "platform")
        {
            // Piers and platforms carry no highway tag but are walked (OSRM foot.lua keeps them too); without them the
            // paths reached only over a pier or through a station fall outside the connected network.
            if (tags.Get("area") == "yes")
            {
                return false;
            }

            speed = WalkingSpeedKmh;
        }
        else if (tags.Get("route") == "ferry")
        {
            if (foot is "no")
            {
                return false;
            }

            rule = new WayRule(DefaultFerrySpeedKmh, DefaultFerrySpeedKmh, CarProfile.TryParseDuration(tags.Get("duration"), out var seconds) ? seconds : 0);
            return true;
        }
        else
        {
            return false;
        }

        if (!IsAccessible(tags) || tags.Get("impassable") == "yes" || tags.Get("status") == "impassable")
        {
            return false;
        }

        // oneway=* binds vehicles; only oneway:foot (an exit-only gate, a one-way turnstile) binds a pedestrian.
        var forward = speed;
        var backward = speed;
        switch (tags.Get("oneway:foot"))
        {
            case "yes" or "true" or "1":
                backward = 0;
                break;
            case "-1" or "reverse":
                forward = 0;
                break;
        }

        rule = new WayRule(forward, backward);
        return rule.IsUsable;
    }

    /// <summary>True unless the most specific of <c>foot</c> and <c>access</c> present says a pedestrian may not pass.</summary>
    public bool IsAccessible(OsmTagList tags)
    {
        var value = tags.Get("foot") ?? tags.Get("access");
        return value switch
        {
            null => true,
            "private" => AllowPrivate,
            // use_sidepath: the walkway is mapped as its own way beside this one, which the walker takes instead.
            "no" or "use_sidepath" or "agricultural" or "forestry" or "delivery" => false,
            _ => true,
        };
    }

    private static bool IsWalkableClass(string highway, string? foot, OsmTagList tags)
    {
        if (Walkable.Contains(highway))
        {
            return true;
        }

        var footAllowed = foot is "yes" or "designated" or "permissive";
        switch (highway)
        {
            // Shared paths are walkable where signed for pedestrians too.
            case "cycleway" or "bridleway":
                return footAllowed;

            // Trunk roads only where they have a sidewalk on them, or are signed open to pedestrians; a sidewalk
            // mapped as its own way ("separate") is walked there, not on the carriageway.
            case "trunk" or "trunk_link":
                return footAllowed || HasSidewalk(tags);

            // Motorways never, whatever their tags: a guard tour does not walk the hard shoulder.
            default:
                return false;
        }
    }

    private static bool HasSidewalk(OsmTagList tags)
    {
        if (tags.Get("sidewalk") is "both" or "left" or "right" or "yes")
        {
            return true;
        }

        return tags.Get("sidewalk:both") == "yes" || tags.Get("sidewalk:left") == "yes" || tags.Get("sidewalk:right") == "yes";
    }
}
