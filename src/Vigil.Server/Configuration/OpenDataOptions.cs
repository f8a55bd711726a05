namespace Vigil.Server.Configuration;

/// <summary>
/// What of residents' reports leaves the city's own desk: the Open311 service list and the open-data export
/// (section "Vigil:OpenData").
/// </summary>
public sealed class OpenDataOptions
{
    public const string Section = "Vigil:OpenData";

    /// <summary>
    /// Published unless configured otherwise. The list is explicit, not "every category", so that a category added for
    /// one audience only (a police tip line, say) never becomes public by accident.
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultCategories =
    [
        "fire-or-smoke", "flooding", "air-quality", "power-outage", "road-hazard", "water-leak", "noise", "damaged-infrastructure", "other",
    ];

    /// <summary>Noise complaints name neighbours, and "other" can hold anything: their free text stays in by default.</summary>
    public static readonly IReadOnlyList<string> DefaultSensitiveCategories = ["noise", "other"];

    /// <summary>
    /// Report categories published outside the city: offered as Open311 services and included in exports. Empty: the
    /// defaults. (Configuration binding appends to a list that has items, so the defaults live apart.)
    /// </summary>
    public List<string> Categories { get; set; } = [];

    /// <summary>Categories whose description and typed address are never published. Empty: the defaults.</summary>
    public List<string> SensitiveCategories { get; set; } = [];

    public IReadOnlyList<string> Published => Categories.Count > 0 ? Categories : DefaultCategories;

    public IReadOnlyList<string> Sensitive => SensitiveCategories.Count > 0 ? SensitiveCategories : DefaultSensitiveCategories;

    public bool IsPublished(string category) => Contains(Published, category);

    public bool IsSensitive(string category) => Contains(Sensitive, category);

    private static bool Contains(IReadOnlyList<string> list, string value)
    {
        foreach (var item in list)
        {
            if (string.Equals(item, value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
