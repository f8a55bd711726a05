using System.Globalization;
using Vigil.Routing.Osm;

namespace Vigil.Routing.Import;

/// <summary>
/// Which OSM ways an emergency car may drive and how fast. Class speeds follow OSRM's car profile
/// (profiles/car.lua, v5/v6); access follows the OSM wiki's "Key:access" hierarchy with <c>emergency</c> as the
/// most specific mode, so <c>emergency=yes</c> opens a road closed to ordinary traffic.
/// </summary>
public sealed class CarProfile : TravelProfile
{
    public override string Name => "car";

    /// <summary>Free-flow speed by <c>highway</c> class in km/h (OSRM car.lua speed table).</summary>
    public Dictionary<string, double> ClassSpeedsKmh { get; init; } = new(StringComparer.Ordinal)
    {
        ["motorway"] = 90,
        ["motorway_link"] = 45,
        ["trunk"] = 85,
        ["trunk_link"] = 40,
        ["primary"] = 65,
        ["primary_link"] = 30,
        ["secondary"] = 55,
        ["secondary_link"] = 25,
        ["tertiary"] = 40,
        ["tertiary_link"] = 20,
        ["unclassified"] = 25,
        ["residential"] = 25,
        ["living_street"] = 10,
        ["service"] = 15,
        ["road"] = 20,
    };

    /// <summary>Speed of a car ferry without a usable <c>duration</c> tag, in km/h.</summary>
    public double DefaultFerrySpeedKmh { get; init; } = 10;

    /// <summary>
    /// Share of a posted <c>maxspeed</c> that traffic reaches on average; OSRM uses 0.8 for the same reason
    /// (junctions, bends and other traffic keep the mean below the limit).
    /// </summary>
    public double MaxSpeedFactor { get; init; } = 0.8;

    /// <summary>
    /// Time lost turning round on a two-way road, in milliseconds (OSRM car.lua: <c>u_turn_penalty = 20</c>).
    /// U-turns are allowed at every node unless a <c>no_u_turn</c> restriction says otherwise: an emergency vehicle
    /// can turn round, and forbidding it would split simple loops into two one-direction components.
    /// </summary>
    public override int UTurnPenaltyMs { get; init; } = 20_000;

    /// <summary>Modes whose restrictions an emergency car obeys, most specific first.</summary>
    public IReadOnlyList<string> AccessKeys { get; init; } = ["emergency", "motorcar", "motor_vehicle", "vehicle", "access"];

    /// <summary>Values of <c>except=*</c> on a turn restriction that exempt this vehicle.</summary>
    public override IReadOnlyList<string> RestrictionExemptions { get; init; } = ["emergency", "motorcar", "motor_vehicle"];

    /// <summary>A restriction for cars alone (<c>restriction:motorcar</c>) before the general one.</summary>
    public override IReadOnlyList<string> RestrictionKeys { get; } = ["restriction:motorcar", "restriction"];

    /// <summary>Decides how the vehicle may use a way; false for ways it may not drive at all.</summary>
    public override bool TryGetWay(OsmTagList tags, out WayRule rule)
    {
        rule = default;
        var highway = tags.Get("highway");
        double speed;
        if (highway is not null)
        {
            if (!ClassSpeedsKmh.TryGetValue(highway, out speed) || tags.Get("area") == "yes")
            {
                return false;
            }
        }
        else if (tags.Get("route") == "ferry")
        {
            // A ferry carries cars only where it says so, or where no mode is named at all.
            var motorcar = tags.Get("motorcar") ?? tags.Get("motor_vehicle");
            if (motorcar is "no" || (motorcar is null && tags.Get("foot") == "yes" && tags.Get("bicycle") is null))
            {
                return false;
            }

            // A timetabled crossing time, where tagged, beats any assumed speed; the importer spreads it over the way's length.
            speed = DefaultFerrySpeedKmh;
            rule = new WayRule(speed, speed, TryParseDuration(tags.Get("duration"), out var seconds) ? seconds : 0);
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

        var forwardSpeed = Restrict(speed, tags.Get("maxspeed:forward") ?? tags.Get("maxspeed"));
        var backwardSpeed = Restrict(speed, tags.Get("maxspeed:backward") ?? tags.Get("maxspeed"));

        var oneway = tags.Get("oneway");
        var junction = tags.Get("junction");
        var impliedOneway = highway == "motorway" || junction is "roundabout" or "circular";
        switch (oneway)
        {
            case "yes" or "true" or "1":
                backwardSpeed = 0;
                break;
            case "-1" or "reverse":
                forwardSpeed = 0;
                break;
            case "no" or "false" or "0":
                break;
            default:
                if (impliedOneway)
                {
                    backwardSpeed = 0;
                }

                break;
        }

        rule = new WayRule(forwardSpeed, backwardSpeed);
        return rule.IsUsable;
    }

    /// <summary>True unless the most specific access key present says the vehicle may not pass.</summary>
    public bool IsAccessible(OsmTagList tags)
    {
        foreach (var key in AccessKeys)
        {
            var value = tags.Get(key);
            if (value is null)
            {
                continue;
            }

            return value is not ("no" or "private" or "agricultural" or "forestry" or "delivery" or "use_sidepath");
        }

        return true;
    }

    private double Restrict(double classSpeed, string? maxSpeed)
    {
        if (!TryParseMaxSpeed(maxSpeed, out var limit))
        {
            return classSpeed;
        }

        return Math.Max(5, limit * MaxSpeedFactor);
    }

    /// <summary>Parses <c>maxspeed</c> values: "50", "30 mph", "50 km/h", "walk"; false for "none", "signals" and zones.</summary>
    public static bool TryParseMaxSpeed(string? value, out double kmh)
    {
        kmh = 0;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var text = value.Trim();
        if (text == "walk")
        {
            kmh = 6;
            return true;
        }

        var factor = 1.0;
        if (text.EndsWith("mph", StringComparison.OrdinalIgnoreCase))
        {
            factor = 1.609344;
            text = text[..^3].Trim();
        }
        else if (text.EndsWith("km/h", StringComparison.OrdinalIgnoreCase))
        {
            text = text[..^4].Trim();
        }
        else if (text.EndsWith("kmh", StringComparison.OrdinalIgnoreCase))
        {
            text = text[..^3].Trim();
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number <= 0 || number > 300)
        {
            return false;
        }

        kmh = number * factor;
        return true;
    }

    /// <summary>Parses an OSM <c>duration</c> tag into seconds.</summary>
    public static bool TryParseDuration(string? value, out double seconds)
    {
        seconds = 0;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var text = value.Trim();
        if (text.StartsWith("PT", StringComparison.Ordinal))
        {
            try
            {
                seconds = System.Xml.XmlConvert.ToTimeSpan(text).TotalSeconds;
                return seconds > 0;
            }
            catch (FormatException)
            {
                return false;
            }
        }

        var parts = text.Split(':');
        if (parts.Length > 3)
        {
            return false;
        }

        double total = 0;
        foreach (var part in parts)
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                return false;
            }

            total = (total * 60) + n;
        }

        // "HH:MM" and "H:MM:SS" count from hours; a bare number is minutes.
        seconds = parts.Length switch
        {
            1 => total * 60,
            2 => total * 60,
            _ => total,
        };
        return seconds > 0;
    }
}
