using System.ComponentModel.DataAnnotations;
using Vigil.Platform.Contracts;
using Vigil.Server.Outbreaks;

namespace Vigil.Server.Configuration;

/// <summary>
/// The outbreak watch (section "Vigil:Alerting:Outbreaks"): which detection method runs on which series when new health
/// counts arrive, and how far back a newly reported period may lie and still raise an alarm.
/// </summary>
public sealed class OutbreakWatchOptions : IValidatableObject
{
    public const string Section = "Vigil:Alerting:Outbreaks";

    /// <summary>Raise alarms when uploaded counts exceed their bound. On by default; off leaves only the on-request signals.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The method for daily series: EARS C2 by default (CDC's usual choice for short daily series).</summary>
    public string DailyMethod { get; set; } = OutbreakScan.DefaultMethod(CountPeriod.Day);

    /// <summary>The method for weekly series: the improved Farrington method by default (it models years of seasonality).</summary>
    public string WeeklyMethod { get; set; } = OutbreakScan.DefaultMethod(CountPeriod.Week);

    /// <summary>Per-syndrome methods that override the daily and weekly defaults (e.g. "ili": "ears-c3").</summary>
    public Dictionary<string, string> SyndromeMethods { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Only the latest this-many days of a daily series can alarm. A backfill of years of history is context for the
    /// baseline, not news: alarming on an excess from last spring would bury the analysts in stale leads.
    /// </summary>
    [Range(1, 366)]
    public int RecentDays { get; set; } = 7;

    /// <summary>Only the latest this-many weeks of a weekly series can alarm (see <see cref="RecentDays"/>).</summary>
    [Range(1, 104)]
    public int RecentWeeks { get; set; } = 4;

    /// <summary>
    /// An open outbreak alarm clears itself once this many of the series' latest days are all reported and all within
    /// the bound. Three, not one: a single low day after an excess is common in daily counts (weekends, late reports)
    /// and says little; a week would keep a finished excess on the analysts' desk for as long as EARS' whole baseline.
    /// </summary>
    [Range(1, 366)]
    public int ClearAfterDays { get; set; } = 3;

    /// <summary>The same for weekly series: two weeks, since one low week can be a reporting gap.</summary>
    [Range(1, 104)]
    public int ClearAfterWeeks { get; set; } = 2;

    public string MethodFor(CountSeriesKey series)
    {
        ArgumentNullException.ThrowIfNull(series);
        return SyndromeMethods.TryGetValue(series.Syndrome, out var method) ? method
            : series.Period == CountPeriod.Week ? WeeklyMethod : DailyMethod;
    }

    public int RecentFor(CountPeriod period) => period == CountPeriod.Week ? RecentWeeks : RecentDays;

    public int ClearAfter(CountPeriod period) => period == CountPeriod.Week ? ClearAfterWeeks : ClearAfterDays;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var known = string.Join(", ", OutbreakScan.Methods);
        if (Array.IndexOf(OutbreakScan.Methods, DailyMethod) < 0)
        {
            yield return new ValidationResult($"DailyMethod must be one of {known}.", [nameof(DailyMethod)]);
        }

        if (Array.IndexOf(OutbreakScan.Methods, WeeklyMethod) < 0)
        {
            yield return new ValidationResult($"WeeklyMethod must be one of {known}.", [nameof(WeeklyMethod)]);
        }

        foreach (var (syndrome, method) in SyndromeMethods)
        {
            if (Array.IndexOf(OutbreakScan.Methods, method) < 0)
            {
                yield return new ValidationResult($"SyndromeMethods:{syndrome} must be one of {known}.", [nameof(SyndromeMethods)]);
            }
        }
    }
}
