using System.ComponentModel.DataAnnotations;

namespace Vigil.Server.Configuration;

/// <summary>
/// What of residents' reports leaves the city's own desk: the Open311 service list and the open-data export
/// (section "Vigil:OpenData").
/// </summary>
public sealed class OpenDataOptions
{
    public const string Section = "Vigil:OpenData";

    /// <summary>
    /// Report categories published outside the city: offered as Open311 services and included in exports. The list is
    /// explicit, not "every category", so that a category added for one audience only (a police tip line, say) never
    /// becomes public by accident.
    /// </summary>
    [Required]
    [MinLength(1)]
    public List<string> Categories { get; set; } =
    [
        "fire-or-smoke", "flooding", "air-quality", "power-outage", "road-hazard", "water-leak", "noise", "damaged-infrastructure", "other",
    ];

    /// <summary>
    /// Categories whose free text is never published (Open311 reads and exports leave the description out): noise
    /// complaints name neighbours, and "other" can hold anything.
    /// </summary>
    public List<string> SensitiveCategories { get; set; } = ["noise", "other"];
}
