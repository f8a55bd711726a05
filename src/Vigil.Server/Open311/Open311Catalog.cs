using Microsoft.Extensions.Options;
using Vigil.Server.Configuration;

namespace Vigil.Server.Open311;

/// <summary>
/// The services this city offers over Open311: the published report categories (<see cref="OpenDataOptions.Categories"/>),
/// each with a name and description for app users and the attributes the city wants answered.
/// </summary>
internal sealed class Open311Catalog
{
    private readonly Dictionary<string, Open311Service> _byCode = new(StringComparer.Ordinal);

    public Open311Catalog(IOptions<OpenDataOptions> openData, IOptions<Open311Options> open311)
    {
        ArgumentNullException.ThrowIfNull(openData);
        ArgumentNullException.ThrowIfNull(open311);
        var services = new List<Open311Service>();
        foreach (var code in openData.Value.Published)
        {
            var (name, description, group, keywords) = Texts(code);
            var attributes = open311.Value.Attributes.TryGetValue(code, out var configured) ? FromOptions(configured) : BuiltInAttributes(code);
            var service = new Open311Service(code, name, description, group, keywords, attributes);
            services.Add(service);
            _byCode[code] = service;
        }

        Services = services;
    }

    public IReadOnlyList<Open311Service> Services { get; }

    public Open311Service? Find(string? code) => code is not null && _byCode.TryGetValue(code, out var service) ? service : null;

    private static List<Open311Attribute> FromOptions(List<Open311AttributeOptions> options)
    {
        var attributes = new List<Open311Attribute>(options.Count);
        for (var i = 0; i < options.Count; i++)
        {
            var o = options[i];
            attributes.Add(new Open311Attribute(o.Code, o.Datatype, o.Required, o.Description, o.DatatypeDescription, i + 1, [.. o.Values]));
        }

        return attributes;
    }

    /// <summary>Names residents read in a city app; the codes stay the report categories operators already know.</summary>
    private static (string Name, string Description, string Group, string Keywords) Texts(string code) => code switch
    {
        "fire-or-smoke" => ("Fire or smoke", "Smoke or a small fire that is not threatening anyone. If people are in danger, call the emergency number instead.", "Safety", "fire,smoke,burning"),
        "flooding" => ("Flooding", "Water on a street, underpass or property that should not be there.", "Water", "flood,water,drain"),
        "air-quality" => ("Air quality", "A smell, haze or dust that makes the air hard to breathe.", "Environment", "air,smell,dust,smog"),
        "power-outage" => ("Power outage", "Streets or buildings without electricity.", "Utilities", "power,electricity,blackout"),
        "road-hazard" => ("Road hazard", "Potholes, debris, broken signals or anything else that makes a road unsafe.", "Streets", "pothole,debris,signal,road"),
        "water-leak" => ("Water leak", "Water escaping from a hydrant, main or pipe.", "Water", "leak,hydrant,pipe"),
        "noise" => ("Noise", "Noise that goes on longer or louder than it should.", "Environment", "noise,loud"),
        "damaged-infrastructure" => ("Damaged infrastructure", "Broken street lights, signs, railings, benches or bridges.", "Streets", "streetlight,sign,railing,bridge"),
        "other" => ("Something else", "Anything else the city should know about.", "Other", "other"),
        _ => (code, code, "Other", code),
    };

    private static List<Open311Attribute> BuiltInAttributes(string code) => code switch
    {
        "flooding" =>
        [
            new("depth", "singlevaluelist", true, "How deep is the water?", null, 1,
                [new("ankle", "Ankle-deep"), new("knee", "Knee-deep"), new("deeper", "Deeper than knee-deep")]),
            new("moving", "singlevaluelist", false, "Is the water moving?", null, 2, [new("yes", "Yes"), new("no", "No")]),
        ],
        "road-hazard" =>
        [
            new("hazard", "singlevaluelist", false, "What is the hazard?", null, 1,
                [new("pothole", "Pothole"), new("debris", "Debris"), new("signal", "Broken traffic signal"), new("ice", "Ice"), new("other", "Something else")]),
        ],
        "power-outage" =>
        [
            new("homes_affected", "number", false, "About how many homes are without power?", "A whole number", 1, []),
        ],
        "water-leak" =>
        [
            new("source", "singlevaluelist", false, "Where is the water coming from?", null, 1,
                [new("hydrant", "Hydrant"), new("main", "Water main"), new("pipe", "Pipe"), new("unknown", "Not sure")]),
        ],
        "damaged-infrastructure" =>
        [
            new("asset", "multivaluelist", false, "What is damaged?", null, 1,
                [new("streetlight", "Street light"), new("sign", "Sign"), new("railing", "Railing"), new("bench", "Bench"), new("bridge", "Bridge")]),
        ],
        "noise" =>
        [
            new("started", "datetime", false, "When did it start?", "An ISO 8601 date and time", 1, []),
        ],
        _ => [],
    };
}
