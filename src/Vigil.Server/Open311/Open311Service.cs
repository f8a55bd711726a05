namespace Vigil.Server.Open311;

/// <summary>A GeoReport v2 service: one report category, with the questions an app asks about it.</summary>
internal sealed record Open311Service(string Code, string Name, string Description, string Group, string Keywords, IReadOnlyList<Open311Attribute> Attributes)
{
    /// <summary>The spec's "metadata": true when a service definition with attributes exists.</summary>
    public bool Metadata => Attributes.Count > 0;
}

/// <summary>One attribute of a service definition (always variable: a question for the resident).</summary>
internal sealed record Open311Attribute(
    string Code,
    string Datatype,
    bool Required,
    string Description,
    string? DatatypeDescription,
    int Order,
    IReadOnlyList<KeyValuePair<string, string>> Values)
{
    public string? NameOf(string key)
    {
        foreach (var (k, name) in Values)
        {
            if (string.Equals(k, key, StringComparison.Ordinal))
            {
                return name;
            }
        }

        return null;
    }
}
