using Vigil.Alerting.Cap;
using Vigil.Alerting.Cap.Authoring;
using Vigil.Alerting.Cap.Validation;

namespace Vigil.Alerting.AirQuality;

/// <summary>
/// Turns a district's AQI reading into a draft CAP advisory when it reaches the policy threshold. Severity follows the
/// category (sensitive groups → Minor, Unhealthy → Moderate, Very Unhealthy → Severe, Hazardous → Extreme); the
/// instruction is EPA's cautionary statement for the pollutant.
/// </summary>
public static class AqiAdvisor
{
    /// <summary>
    /// Returns true with <paramref name="advisory"/> null when the reading is below the threshold, true with an advisory
    /// when one is warranted, and false with findings when the alert cannot be built (e.g. an invalid identifier).
    /// </summary>
    public static bool TryPropose(
        string district,
        CapArea area,
        AqiResult reading,
        AqiAdvisoryPolicy policy,
        string identifier,
        DateTimeOffset now,
        out AqiAdvisory? advisory,
        out IReadOnlyList<CapFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(area);
        ArgumentNullException.ThrowIfNull(policy);
        advisory = null;
        findings = [];
        if (reading.Category < policy.Threshold)
        {
            return true;
        }

        var unit = AqiCalculator.UnitOf(reading.Pollutant);
        var name = reading.CategoryName;
        var builder = CapAlertBuilder.Alert(policy.Sender, identifier, now)
            .Classify(CapUrgency.Immediate, SeverityOf(reading.Category), CapCertainty.Observed, CapCategory.Health, CapCategory.Env)
            .Respond(reading.Category >= AqiCategory.Unhealthy ? CapResponseType.Avoid : CapResponseType.Monitor)
            .AddText(new CapText(
                "en-US",
                "Air Quality Alert",
                $"Air quality {name.ToLowerInvariant()} in {district} (AQI {reading.Aqi})",
                $"The Air Quality Index in {district} is {reading.Aqi} ({name}), driven by {PollutantName(reading.Pollutant)} at {AqiCalculator.Format(reading.Pollutant, reading.Concentration)} {unit}.",
                reading.SensitiveGroupsAdvice))
            .AddParameter("AQI", reading.Aqi.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .AddParameter("AQI-Category", name)
            .AddArea(area);
        builder.Effective = now;
        builder.Expires = now + policy.Validity;
        builder.SenderName = policy.SenderName;
        if (!builder.TryBuild(out var alert, out findings))
        {
            return false;
        }

        advisory = new AqiAdvisory(alert!, reading, policy.AutoIssue);
        return true;
    }

    private static CapSeverity SeverityOf(AqiCategory category) => category switch
    {
        AqiCategory.Hazardous => CapSeverity.Extreme,
        AqiCategory.VeryUnhealthy => CapSeverity.Severe,
        AqiCategory.Unhealthy => CapSeverity.Moderate,
        _ => CapSeverity.Minor,
    };

    private static string PollutantName(AqiPollutant pollutant) => pollutant switch
    {
        AqiPollutant.Pm25 => "fine particles (PM2.5)",
        AqiPollutant.Pm10 => "coarse particles (PM10)",
        AqiPollutant.Ozone8Hour or AqiPollutant.Ozone1Hour => "ozone",
        AqiPollutant.CarbonMonoxide => "carbon monoxide",
        AqiPollutant.SulfurDioxide or AqiPollutant.SulfurDioxide24Hour => "sulfur dioxide",
        _ => "nitrogen dioxide",
    };
}
