namespace Vigil.Domain.Reports;

/// <summary>
/// What residents may report. The list is closed so that reports can be routed and counted; "other" catches the rest.
/// Names are persisted and shown to residents: add, never rename.
/// </summary>
public static class ReportCategories
{
    public static readonly IReadOnlyList<string> All =
    [
        "fire-or-smoke",
        "flooding",
        "air-quality",
        "power-outage",
        "road-hazard",
        "water-leak",
        "noise",
        "damaged-infrastructure",
        "other",
    ];

    public static bool IsKnown(string? category)
    {
        if (category is null)
        {
            return false;
        }

        foreach (var known in All)
        {
            if (string.Equals(known, category, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
