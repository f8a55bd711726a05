using Vigil.Domain.Devices;

namespace Vigil.Simulation;

/// <summary>
/// Normal readings: a daily cycle (rush hours for traffic and NO2, night-time highs for water pressure) plus noise.
/// Values stay well inside the default rules' limits so that only scripted events raise alarms.
/// </summary>
public static class SensorModel
{
    public static double Normal(string quantity, DateTimeOffset time, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var hour = time.UtcDateTime.TimeOfDay.TotalHours;
        var rush = Math.Exp(-Math.Pow(hour - 8, 2) / 2) + Math.Exp(-Math.Pow(hour - 17.5, 2) / 2);
        var day = Math.Sin((hour - 9) / 24 * 2 * Math.PI);
        return quantity switch
        {
            "pm25" => Math.Max(1, 11 + (6 * rush) + Gaussian(random, 1.5)),
            "no2" => Math.Max(2, 30 + (35 * rush) + Gaussian(random, 5)),
            "speed" => Math.Clamp(48 - (22 * rush) + Gaussian(random, 4), 18, 90),
            "impulse_db" => Math.Max(40, 62 + (6 * day) + Gaussian(random, 4)),
            "level_cm" => Math.Max(0, 22 + Gaussian(random, 0.6)),
            "voltage" => 230 + (2 * day) + Gaussian(random, 1.2),
            "pressure" => 340 - (25 * day) + Gaussian(random, 6),
            "pressed" => 0,
            _ => Gaussian(random, 1),
        };
    }

    public static IReadOnlyList<QuantitySpec> QuantitiesOf(DeviceKind kind) => CityGenerator.QuantitiesByKind[kind];

    private static double Gaussian(Random random, double sd)
    {
        // Box–Muller.
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return sd * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
