namespace Vigil.Forecasting.Safeguards;

/// <summary>
/// Keeps categories whose recorded counts mostly measure where police chose to look out of forecasts by default.
/// Drug, vice and public-order offences are found by proactive enforcement rather than reported by victims, so a model
/// trained on them learns past patrol patterns and sends patrols back there (Lum and Isaac 2016, "To predict and serve?",
/// Significance 13(5); Ensign et al. 2018, "Runaway feedback loops in predictive policing", FAT* 2018).
/// Such a category is used only with a written justification, which the audit record keeps.
/// </summary>
public static class CategoryPolicy
{
    /// <summary>Lower-case fragments that mark a discretion-driven category.</summary>
    public static IReadOnlyList<string> DiscretionaryMarkers { get; } =
    [
        "drug", "narcotic", "marijuana", "cannabis", "controlled substance", "possession",
        "prostitution", "solicit", "vice", "gambling", "liquor", "alcohol", "drunk", "dui", "dwi",
        "loiter", "vagran", "curfew", "disorderly", "trespass", "weapon", "suspicious", "stop", "warrant",
    ];

    public static bool IsDiscretionary(string category)
    {
        ArgumentNullException.ThrowIfNull(category);
        var lower = category.ToLowerInvariant();
        foreach (var marker in DiscretionaryMarkers)
        {
            if (lower.Contains(marker, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Splits the requested categories into those allowed and those excluded, with the reason for each exclusion.</summary>
    public static CategoryDecision Decide(IReadOnlyList<string> requested, string? justification)
    {
        ArgumentNullException.ThrowIfNull(requested);
        var justified = !string.IsNullOrWhiteSpace(justification);
        var allowed = new List<string>();
        var excluded = new List<(string, string)>();
        var overridden = new List<string>();
        foreach (var category in requested)
        {
            if (!IsDiscretionary(category))
            {
                allowed.Add(category);
            }
            else if (justified)
            {
                allowed.Add(category);
                overridden.Add(category);
            }
            else
            {
                excluded.Add((category, "recorded mostly through police discretion; give a justification to include it"));
            }
        }

        return new CategoryDecision(allowed, excluded, overridden, justified ? justification!.Trim() : null);
    }
}
