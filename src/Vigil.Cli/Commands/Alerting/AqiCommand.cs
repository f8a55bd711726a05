using System.CommandLine;
using System.Globalization;
using Vigil.Alerting.AirQuality;

namespace Vigil.Cli.Commands.Alerting;

/// <summary><c>vigil aqi &lt;pollutant&gt; &lt;concentration&gt;</c>: the US EPA AQI (2024 breakpoints).</summary>
internal static class AqiCommand
{
    private static readonly Dictionary<string, (AqiPollutant Pollutant, string Label)> Pollutants = new(StringComparer.OrdinalIgnoreCase)
    {
        ["pm25"] = (AqiPollutant.Pm25, "PM2.5, 24-hour"),
        ["pm10"] = (AqiPollutant.Pm10, "PM10, 24-hour"),
        ["o3"] = (AqiPollutant.Ozone8Hour, "ozone, 8-hour"),
        ["o3-8h"] = (AqiPollutant.Ozone8Hour, "ozone, 8-hour"),
        ["o3-1h"] = (AqiPollutant.Ozone1Hour, "ozone, 1-hour"),
        ["co"] = (AqiPollutant.CarbonMonoxide, "CO, 8-hour"),
        ["so2"] = (AqiPollutant.SulfurDioxide, "SO2, 1-hour"),
        ["so2-24h"] = (AqiPollutant.SulfurDioxide24Hour, "SO2, 24-hour"),
        ["no2"] = (AqiPollutant.NitrogenDioxide, "NO2, 1-hour"),
    };

    public static Command Create()
    {
        var pollutant = new Argument<string>("pollutant") { Description = "pm25, pm10, o3-8h, o3-1h, co, so2, so2-24h or no2" };
        pollutant.AcceptOnlyFromAmong([.. Pollutants.Keys]);
        var concentration = new Argument<string>("concentration") { Description = "µg/m³ for PM, ppm for O3 and CO, ppb for SO2 and NO2" };
        var command = new Command("aqi", "US EPA Air Quality Index of a concentration, with its category and advice") { pollutant, concentration };
        command.SetAction(r => Run(r.GetValue(pollutant)!, r.GetValue(concentration)!, r.GetValue(GlobalOptions.Json)));
        return command;
    }

    private static int Run(string pollutantName, string concentrationText, bool json)
    {
        var (pollutant, label) = Pollutants[pollutantName];
        if (!decimal.TryParse(concentrationText, NumberStyles.Number, CultureInfo.InvariantCulture, out var concentration))
        {
            Console.Error.WriteLine($"error: concentration '{concentrationText}' is not a number (use a dot for decimals).");
            return 2;
        }

        if (!AqiCalculator.TryCalculate(pollutant, concentration, out var result, out var error))
        {
            Console.Error.WriteLine($"error: {error}");
            return 2;
        }

        var unit = AqiCalculator.UnitOf(pollutant);
        if (json)
        {
            CliJson.Write(new
            {
                pollutant = pollutantName.ToLowerInvariant(),
                averaging = label,
                concentration = result.Concentration,
                unit,
                aqi = result.Aqi,
                category = result.CategoryName,
                color = result.Color,
                beyondIndex = result.BeyondIndex,
                sensitiveGroups = result.SensitiveGroups,
                advice = result.SensitiveGroupsAdvice,
            });
            return 0;
        }

        var beyond = result.BeyondIndex ? " (beyond the index)" : string.Empty;
        Console.Out.WriteLine($"AQI {result.Aqi}{beyond}: {result.CategoryName} ({result.Color})");
        Console.Out.WriteLine($"{label}: {AqiCalculator.Format(pollutant, result.Concentration)} {unit} (truncated as EPA-454/B-24-002 requires)");
        Console.Out.WriteLine($"Advice: {result.SensitiveGroupsAdvice}");
        return 0;
    }
}
