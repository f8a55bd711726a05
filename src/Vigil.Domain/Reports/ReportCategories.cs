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
        SuspiciousActivity,
    ];

    /// <summary>A tip about possible crime: routed to police only, never public, and its ticket says only "received" or "under review".</summary>
    public const string SuspiciousActivity = "suspicious-activity";

    /// <summary>
    /// Categories whose exact location or free text can point at a person (a neighbour's noisy flat, a tip about a
    /// house): their public location is fuzzed and their free text is removed by the retention pass.
    /// </summary>
    public static bool IsSensitive(string? category) =>
        category is SuspiciousActivity or "noise" or "other";

    public static bool IsPoliceOnly(string? category) => string.Equals(category, SuspiciousActivity, StringComparison.Ordinal);

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
