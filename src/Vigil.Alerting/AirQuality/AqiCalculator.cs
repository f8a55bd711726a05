namespace Vigil.Alerting.AirQuality;

/// <summary>
/// The US EPA Air Quality Index from a pollutant concentration, per the Technical Assistance Document EPA-454/B-24-002
/// (May 2024): truncate the concentration (§ "Calculating the AQI", Table 6 note), find its breakpoint row in Table 6,
/// and interpolate with equation 1, I = (I_hi - I_lo) / (BP_hi - BP_lo) · (C - BP_lo) + I_lo, rounded to the nearest
/// integer. PM2.5 uses the breakpoints of the 2024 PM NAAQS revision, where "Good" ends at 9.0 µg/m³ and the
/// 301-500 range is a single row.
/// </summary>
public static class AqiCalculator
{
    private static readonly AqiBreakpoint[] Pm25 =
    [
        new(0.0m, 9.0m, 0, 50),
        new(9.1m, 35.4m, 51, 100),
        new(35.5m, 55.4m, 101, 150),
        new(55.5m, 125.4m, 151, 200),
        new(125.5m, 225.4m, 201, 300),
        new(225.5m, 325.4m, 301, 500),
    ];

    private static readonly AqiBreakpoint[] Pm10 =
    [
        new(0m, 54m, 0, 50),
        new(55m, 154m, 51, 100),
        new(155m, 254m, 101, 150),
        new(255m, 354m, 151, 200),
        new(355m, 424m, 201, 300),
        new(425m, 604m, 301, 500),
    ];

    private static readonly AqiBreakpoint[] Ozone8Hour =
    [
        new(0.000m, 0.054m, 0, 50),
        new(0.055m, 0.070m, 51, 100),
        new(0.071m, 0.085m, 101, 150),
        new(0.086m, 0.105m, 151, 200),
        new(0.106m, 0.200m, 201, 300),
    ];

    private static readonly AqiBreakpoint[] Ozone1Hour =
    [
        new(0.125m, 0.164m, 101, 150),
        new(0.165m, 0.204m, 151, 200),
        new(0.205m, 0.404m, 201, 300),
        new(0.405m, 0.604m, 301, 500),
    ];

    private static readonly AqiBreakpoint[] CarbonMonoxide =
    [
        new(0.0m, 4.4m, 0, 50),
        new(4.5m, 9.4m, 51, 100),
        new(9.5m, 12.4m, 101, 150),
        new(12.5m, 15.4m, 151, 200),
        new(15.5m, 30.4m, 201, 300),
        new(30.5m, 50.4m, 301, 500),
    ];

    private static readonly AqiBreakpoint[] SulfurDioxide =
    [
        new(0m, 35m, 0, 50),
        new(36m, 75m, 51, 100),
        new(76m, 185m, 101, 150),
        new(186m, 304m, 151, 200),
    ];

    private static readonly AqiBreakpoint[] SulfurDioxide24Hour =
    [
        new(305m, 604m, 201, 300),
        new(605m, 1004m, 301, 500),
    ];

    private static readonly AqiBreakpoint[] NitrogenDioxide =
    [
        new(0m, 53m, 0, 50),
        new(54m, 100m, 51, 100),
        new(101m, 360m, 101, 150),
        new(361m, 649m, 151, 200),
        new(650m, 1249m, 201, 300),
        new(1250m, 2049m, 301, 500),
    ];

    /// <summary>Decimal places kept when truncating (Table 6 note).</summary>
    public static int DecimalsOf(AqiPollutant pollutant) => pollutant switch
    {
        AqiPollutant.Pm25 or AqiPollutant.CarbonMonoxide => 1,
        AqiPollutant.Ozone8Hour or AqiPollutant.Ozone1Hour => 3,
        _ => 0,
    };

    public static string UnitOf(AqiPollutant pollutant) => pollutant switch
    {
        AqiPollutant.Pm25 or AqiPollutant.Pm10 => "µg/m³",
        AqiPollutant.Ozone8Hour or AqiPollutant.Ozone1Hour or AqiPollutant.CarbonMonoxide => "ppm",
        _ => "ppb",
    };

    /// <summary>The concentration with the decimals its pollutant is reported with (e.g. "40.0" for PM2.5).</summary>
    public static string Format(AqiPollutant pollutant, decimal concentration) =>
        concentration.ToString("F" + DecimalsOf(pollutant).ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);

    public static decimal Truncate(AqiPollutant pollutant, decimal concentration)
    {
        var scale = DecimalsOf(pollutant) switch { 1 => 10m, 3 => 1000m, _ => 1m };
        return decimal.Truncate(concentration * scale) / scale;
    }

    public static bool TryCalculate(AqiPollutant pollutant, double concentration, out AqiResult result, out string? error)
    {
        result = default;
        if (!double.IsFinite(concentration) || concentration < 0)
        {
            error = "The concentration must be a finite number, zero or more.";
            return false;
        }

        if (concentration > 1e6)
        {
            error = $"{concentration} {UnitOf(pollutant)} is not a plausible ambient concentration.";
            return false;
        }

        return TryCalculate(pollutant, (decimal)concentration, out result, out error);
    }

    public static bool TryCalculate(AqiPollutant pollutant, decimal concentration, out AqiResult result, out string? error)
    {
        result = default;
        error = null;
        if (concentration < 0)
        {
            error = "The concentration must be zero or more.";
            return false;
        }

        var c = Truncate(pollutant, concentration);
        var table = TableOf(pollutant);
        if (c < table[0].Low)
        {
            error = pollutant switch
            {
                AqiPollutant.Ozone1Hour => "1-hour ozone below 0.125 ppm has no AQI; report the 8-hour ozone AQI.",
                AqiPollutant.SulfurDioxide24Hour => "24-hour SO2 is used only from 305 ppb (AQI above 200); report the 1-hour SO2 AQI.",
                _ => "The concentration is below the first breakpoint.",
            };
            return false;
        }

        var top = table[^1];
        if (c > top.High)
        {
            switch (pollutant)
            {
                case AqiPollutant.Ozone8Hour:
                    error = "8-hour ozone above 0.200 ppm: the AQI must be calculated from the 1-hour ozone concentration.";
                    return false;
                case AqiPollutant.SulfurDioxide:
                    error = "1-hour SO2 above 304 ppb: the AQI above 200 must be calculated from the 24-hour SO2 concentration.";
                    return false;
                default:
                    result = new AqiResult(pollutant, c, 500, AqiCategory.Hazardous, BeyondIndex: true);
                    return true;
            }
        }

        foreach (var row in table)
        {
            if (c >= row.Low && c <= row.High)
            {
                var index = ((decimal)(row.IndexHigh - row.IndexLow) / (row.High - row.Low) * (c - row.Low)) + row.IndexLow;
                var aqi = (int)decimal.Round(index, MidpointRounding.AwayFromZero);
                result = new AqiResult(pollutant, c, aqi, AqiScale.CategoryOf(aqi), BeyondIndex: false);
                return true;
            }
        }

        // Unreachable when rows are contiguous at the truncation precision; kept as a broken-invariant guard.
        throw new InvalidOperationException($"No breakpoint row for {c} of {pollutant}.");
    }

    private static AqiBreakpoint[] TableOf(AqiPollutant pollutant) => pollutant switch
    {
        AqiPollutant.Pm25 => Pm25,
        AqiPollutant.Pm10 => Pm10,
        AqiPollutant.Ozone8Hour => Ozone8Hour,
        AqiPollutant.Ozone1Hour => Ozone1Hour,
        AqiPollutant.CarbonMonoxide => CarbonMonoxide,
        AqiPollutant.SulfurDioxide => SulfurDioxide,
        AqiPollutant.SulfurDioxide24Hour => SulfurDioxide24Hour,
        AqiPollutant.NitrogenDioxide => NitrogenDioxide,
        _ => throw new ArgumentOutOfRangeException(nameof(pollutant), pollutant, null),
    };
}
