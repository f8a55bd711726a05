namespace Vigil.Alerting.AirQuality;

/// <summary>
/// An AQI value with what the public is told about it. <see cref="Concentration"/> is the truncated value the index was
/// computed from. <see cref="BeyondIndex"/> is set above the highest breakpoint, where the AQI is reported as 500.
/// </summary>
public readonly record struct AqiResult(
    AqiPollutant Pollutant,
    decimal Concentration,
    int Aqi,
    AqiCategory Category,
    bool BeyondIndex)
{
    public string CategoryName => AqiScale.NameOf(Category);

    /// <summary>The category colour as #RRGGBB (EPA-454/B-24-002, Table 5).</summary>
    public string Color => AqiScale.ColorOf(Category);

    /// <summary>The cautionary statement for sensitive groups for this pollutant and category.</summary>
    public string SensitiveGroupsAdvice => AqiAdvice.For(Pollutant, Category);

    public string SensitiveGroups => AqiAdvice.SensitiveGroups(Pollutant);
}
