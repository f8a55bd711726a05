namespace Vigil.Alerting.AirQuality;

/// <summary>
/// The EPA NowCast for particulate matter (AirNow technical documentation; EPA-454/B-24-002 §"NowCast"): a weighted
/// average of the last 12 hourly concentrations in which the weight of an hour i hours back is w^i, with
/// w = max(min/max, 0.5) over the 12 hours, so that the average follows rapid change. At least two of the three most
/// recent hours must be valid.
/// </summary>
public static class NowCast
{
    public const int Hours = 12;

    /// <summary>Minimum weight factor for PM2.5 and PM10.</summary>
    public const double MinimumWeight = 0.5;

    /// <param name="hourly">Hourly averages, most recent first; NaN marks a missing hour. Only the first 12 are used.</param>
    public static bool TryCompute(ReadOnlySpan<double> hourly, AqiPollutant pollutant, out decimal nowCast, out string? error)
    {
        nowCast = 0;
        error = null;
        if (pollutant is not (AqiPollutant.Pm25 or AqiPollutant.Pm10))
        {
            error = "This NowCast applies to PM2.5 and PM10.";
            return false;
        }

        var hours = hourly[..Math.Min(Hours, hourly.Length)];
        var recentValid = 0;
        for (var i = 0; i < Math.Min(3, hours.Length); i++)
        {
            recentValid += double.IsNaN(hours[i]) ? 0 : 1;
        }

        if (recentValid < 2)
        {
            error = "At least two of the three most recent hours are needed for a NowCast.";
            return false;
        }

        var min = double.MaxValue;
        var max = double.MinValue;
        foreach (var c in hours)
        {
            if (double.IsNaN(c))
            {
                continue;
            }

            if (c < 0)
            {
                error = "Concentrations cannot be negative.";
                return false;
            }

            min = Math.Min(min, c);
            max = Math.Max(max, c);
        }

        var w = max > 0 ? Math.Max(min / max, MinimumWeight) : 1.0;
        var numerator = 0.0;
        var denominator = 0.0;
        var weight = 1.0;
        foreach (var c in hours)
        {
            if (!double.IsNaN(c))
            {
                numerator += weight * c;
                denominator += weight;
            }

            weight *= w;
        }

        nowCast = AqiCalculator.Truncate(pollutant, (decimal)(numerator / denominator));
        return true;
    }
}
