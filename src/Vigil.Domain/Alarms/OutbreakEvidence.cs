using System.Globalization;

namespace Vigil.Domain.Alarms;

/// <summary>
/// What an outbreak detection method saw in a health-count series: the series (syndrome, district, day or week), the
/// period that exceeded its bound, the observed count, the count the method expected and the upper bound it allowed.
/// An alarm carrying this evidence comes from a count series, not from a device.
/// </summary>
/// <param name="Period">"Day" or "Week", as counts are reported.</param>
/// <param name="Start">The day, or the first day of the week, that exceeded the bound.</param>
/// <param name="Method">ears-c1, ears-c2, ears-c3 or farrington.</param>
/// <param name="Expected">The baseline the method expected (EARS: the baseline mean; Farrington: the model's prediction); null when it gives none.</param>
public sealed record OutbreakEvidence(
    string Syndrome,
    string District,
    string Period,
    DateOnly Start,
    string Method,
    int Observed,
    double? Expected,
    double UpperBound)
{
    /// <summary>
    /// Identifies the series and period, whatever the method: one alarm per series and period, so re-uploading the same
    /// counts (or evaluating them again) never raises a second one.
    /// </summary>
    public string SourceKey() =>
        string.Create(CultureInfo.InvariantCulture, $"outbreak|{Period}|{Syndrome}|{District}|{Start:yyyy-MM-dd}");
}
