namespace Vigil.Alerting.Outbreak;

/// <summary>
/// Settings of the Farrington detector. The defaults are the "improved Farrington" of Noufaily, Enki, Farrington,
/// Garthwaite, Andrews and Charlett, "An improved algorithm for outbreak detection in multiple surveillance systems",
/// Stat Med 2013;32(7):1206-1222: 10 seasonal periods, the latest 26 weeks left out of the baseline, reweighting of
/// residuals above 2.58, a trend always fitted when 3 or more years are available.
/// </summary>
public sealed record FarringtonOptions
{
    /// <summary>Periods per year (52 for weekly, 365 for daily, 12 for monthly data).</summary>
    public int Frequency { get; init; } = 52;

    /// <summary>Years back that supply the baseline.</summary>
    public int YearsBack { get; init; } = 5;

    /// <summary>Half-width of the window around each reference period.</summary>
    public int HalfWindow { get; init; } = 3;

    /// <summary>Seasonal factor levels per year; 1 means only the windows around the reference periods are used.</summary>
    public int NoPeriods { get; init; } = 10;

    /// <summary>Latest periods (before the current one) kept out of the baseline so that an ongoing outbreak does not mask itself.</summary>
    public int PastPeriodsNotIncluded { get; init; } = 26;

    public bool Reweight { get; init; } = true;

    /// <summary>Anscombe residuals above this are down-weighted (2.58 in Noufaily et al.; 1 in Farrington et al. 1996).</summary>
    public double WeightsThreshold { get; init; } = 2.58;

    public bool Trend { get; init; } = true;

    /// <summary>The trend stays when its p-value is below this; 1 keeps it whenever it does not extrapolate.</summary>
    public double PThresholdTrend { get; init; } = 1.0;

    public double Alpha { get; init; } = 0.05;

    public FarringtonThreshold Threshold { get; init; } = FarringtonThreshold.Delta;

    /// <summary>No alarm unless at least this many cases occurred in the last <see cref="Limit54Periods"/> periods.</summary>
    public int Limit54Cases { get; init; } = 5;

    public int Limit54Periods { get; init; } = 4;

    /// <summary>First 0-based index that has a complete baseline.</summary>
    public int FirstIndex => (Frequency * YearsBack) + HalfWindow;
}
