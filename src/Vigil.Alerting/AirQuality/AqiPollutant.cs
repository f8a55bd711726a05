namespace Vigil.Alerting.AirQuality;

/// <summary>
/// A pollutant with its AQI averaging period and unit, as in Table 6 of the EPA Technical Assistance Document for the
/// Reporting of Daily Air Quality - the Air Quality Index (AQI), EPA-454/B-24-002, May 2024.
/// </summary>
public enum AqiPollutant
{
    /// <summary>PM2.5, 24-hour average (or NowCast), µg/m³, truncated to 0.1.</summary>
    Pm25,

    /// <summary>PM10, 24-hour average (or NowCast), µg/m³, truncated to an integer.</summary>
    Pm10,

    /// <summary>Ozone, 8-hour average, ppm, truncated to 0.001. Defined up to 0.200 ppm; above, the 1-hour value is used.</summary>
    Ozone8Hour,

    /// <summary>Ozone, 1-hour average, ppm, truncated to 0.001. Defined from 0.125 ppm (AQI 101) upwards.</summary>
    Ozone1Hour,

    /// <summary>Carbon monoxide, 8-hour average, ppm, truncated to 0.1.</summary>
    CarbonMonoxide,

    /// <summary>Sulfur dioxide, 1-hour average, ppb, truncated to an integer. Defined up to 304 ppb (AQI 200).</summary>
    SulfurDioxide,

    /// <summary>Sulfur dioxide, 24-hour average, ppb, used for AQI above 200 (from 305 ppb).</summary>
    SulfurDioxide24Hour,

    /// <summary>Nitrogen dioxide, 1-hour average, ppb, truncated to an integer.</summary>
    NitrogenDioxide,
}
