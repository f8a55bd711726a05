namespace Vigil.Anomaly.Health;

/// <summary>
/// The values a quantity can physically take; a reading outside is a sensor fault, never an event
/// (a negative particle concentration, a 300 dB sound).
/// </summary>
public readonly record struct PhysicalRange(double Min, double Max)
{
    public bool Contains(double value) => value >= Min && value <= Max;

    /// <summary>
    /// The range for a unit code (UCUM-style, as devices declare them). The limits are deliberately wide:
    /// they catch broken sensors, not unusual weather. False for a unit without known limits.
    /// </summary>
    public static bool TryForUnit(string? unit, out PhysicalRange range)
    {
        range = unit switch
        {
            // Concentrations cannot be negative; 10 000 ug/m3 is beyond the worst wildfire smoke recorded.
            "ug/m3" or "mg/m3" => new PhysicalRange(0, 10_000),
            "ppm" or "ppb" => new PhysicalRange(0, 1_000_000),
            "%" => new PhysicalRange(0, 100),

            // About 194 dB is the loudest undistorted sound in air at sea level.
            "dB" => new PhysicalRange(0, 194),

            // No road vehicle in city traffic passes 400 km/h; speeds are magnitudes.
            "km/h" => new PhysicalRange(0, 400),
            "m/s" => new PhysicalRange(0, 120),

            // RMS voltage is a magnitude; 1 MV is above the highest transmission voltage in service.
            "V" => new PhysicalRange(0, 1_000_000),
            "A" => new PhysicalRange(0, 1_000_000),

            // Gauge pressure cannot fall below -1 atm; 100 MPa is far above any water main.
            "kPa" => new PhysicalRange(-101.325, 100_000),

            // Absolute zero to above any fire a sensor survives.
            "Cel" or "degC" => new PhysicalRange(-273.15, 2_000),
            _ => default,
        };
        return range != default;
    }
}
