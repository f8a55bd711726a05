namespace Vigil.Alerting.AirQuality;

/// <summary>
/// Cautionary statements for sensitive groups, adapted from EPA-454/B-24-002 Table 8 ("Cautionary statements and
/// health effects") for each pollutant; for particles they follow the 2024 wording that names people of lower
/// socioeconomic status among the sensitive groups.
/// </summary>
public static class AqiAdvice
{
    public static string SensitiveGroups(AqiPollutant pollutant) => pollutant switch
    {
        AqiPollutant.Pm25 or AqiPollutant.Pm10 => "people with heart or lung disease, older adults, children, and people of lower socioeconomic status",
        AqiPollutant.Ozone8Hour or AqiPollutant.Ozone1Hour => "people with lung disease such as asthma, children and teenagers, older adults, and people who are active or work outdoors",
        AqiPollutant.CarbonMonoxide => "people with heart disease",
        AqiPollutant.SulfurDioxide or AqiPollutant.SulfurDioxide24Hour => "people with asthma, children and older adults",
        _ => "people with asthma, children and older adults",
    };

    public static string For(AqiPollutant pollutant, AqiCategory category)
    {
        var groups = SensitiveGroups(pollutant);
        return (pollutant, category) switch
        {
            (_, AqiCategory.Good) => "None.",
            (AqiPollutant.CarbonMonoxide, AqiCategory.Moderate) => "None.",
            (AqiPollutant.CarbonMonoxide, AqiCategory.UnhealthyForSensitiveGroups) => $"For {groups}: reduce heavy exertion and avoid sources of CO such as heavy traffic.",
            (AqiPollutant.CarbonMonoxide, AqiCategory.Unhealthy) => $"For {groups}: reduce moderate exertion and avoid sources of CO such as heavy traffic.",
            (AqiPollutant.CarbonMonoxide, AqiCategory.VeryUnhealthy) => $"For {groups}: avoid heavy exertion and sources of CO such as heavy traffic.",
            (AqiPollutant.CarbonMonoxide, _) => $"For {groups}: avoid exertion and sources of CO such as heavy traffic.",
            (_, AqiCategory.Moderate) => "Unusually sensitive people should consider reducing prolonged or heavy exertion outdoors.",
            (_, AqiCategory.UnhealthyForSensitiveGroups) => $"For {groups}: reduce prolonged or heavy exertion outdoors; take more breaks and do less intense activities.",
            (_, AqiCategory.Unhealthy) => $"For {groups}: avoid prolonged or heavy exertion outdoors. Everyone else: reduce prolonged or heavy exertion.",
            (_, AqiCategory.VeryUnhealthy) => $"For {groups}: avoid all physical activity outdoors. Everyone else: avoid prolonged or heavy exertion.",
            _ => $"Everyone should avoid all physical activity outdoors; {groups} should remain indoors and keep activity levels low.",
        };
    }
}
