namespace Vigil.Alerting.AirQuality;

/// <summary>Category names, index ranges and colours of the AQI (EPA-454/B-24-002, Table 5).</summary>
public static class AqiScale
{
    public static AqiCategory CategoryOf(int aqi) => aqi switch
    {
        <= 50 => AqiCategory.Good,
        <= 100 => AqiCategory.Moderate,
        <= 150 => AqiCategory.UnhealthyForSensitiveGroups,
        <= 200 => AqiCategory.Unhealthy,
        <= 300 => AqiCategory.VeryUnhealthy,
        _ => AqiCategory.Hazardous,
    };

    public static string NameOf(AqiCategory category) => category switch
    {
        AqiCategory.Good => "Good",
        AqiCategory.Moderate => "Moderate",
        AqiCategory.UnhealthyForSensitiveGroups => "Unhealthy for Sensitive Groups",
        AqiCategory.Unhealthy => "Unhealthy",
        AqiCategory.VeryUnhealthy => "Very Unhealthy",
        _ => "Hazardous",
    };

    /// <summary>RGB values from Table 5: green 0,228,0; yellow 255,255,0; orange 255,126,0; red 255,0,0; purple 143,63,151; maroon 126,0,35.</summary>
    public static string ColorOf(AqiCategory category) => category switch
    {
        AqiCategory.Good => "#00E400",
        AqiCategory.Moderate => "#FFFF00",
        AqiCategory.UnhealthyForSensitiveGroups => "#FF7E00",
        AqiCategory.Unhealthy => "#FF0000",
        AqiCategory.VeryUnhealthy => "#8F3F97",
        _ => "#7E0023",
    };
}
