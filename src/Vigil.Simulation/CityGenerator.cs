using Vigil.Domain.Devices;
using Vigil.Domain.Geo;
using Vigil.Domain.Units;

namespace Vigil.Simulation;

/// <summary>
/// Generates a plausible city deterministically from a seed: a street grid with arterials every kilometre, nine
/// districts, sensors placed along streets, and stations for police, fire, ambulance and security units.
/// </summary>
public static class CityGenerator
{
    private const double BlockMetres = 200;
    private const int ArterialEvery = 5;

    // One degree of latitude is about 111,195 m on the mean-radius sphere that GeoPoint uses.
    private const double LatitudeDegreesPerMetre = 1 / 111_195.0;
    private static readonly string[] DistrictNames =
        ["North Harbour", "Old Town", "Riverside", "Westgate", "Central", "Market Hill", "Southfield", "University", "Eastport"];

    public static readonly IReadOnlyDictionary<DeviceKind, QuantitySpec[]> QuantitiesByKind = new Dictionary<DeviceKind, QuantitySpec[]>
    {
        [DeviceKind.AirQuality] = [new("pm25", "ug/m3"), new("no2", "ug/m3")],
        [DeviceKind.Traffic] = [new("speed", "km/h")],
        [DeviceKind.Acoustic] = [new("impulse_db", "dB")],
        [DeviceKind.Flood] = [new("level_cm", "cm")],
        [DeviceKind.PowerGrid] = [new("voltage", "V")],
        [DeviceKind.Water] = [new("pressure", "kPa")],
        [DeviceKind.PanicButton] = [new("pressed", "")],
    };

    public static CityModel Generate(int seed = 7, int deviceCount = 560, double sizeMetres = 6000, GeoPoint? centre = null)
    {
        var random = new Random(seed);
        var middle = centre ?? new GeoPoint(44.4949, 11.3426);
        var half = sizeMetres / 2;
        var origin = middle.Offset(-half, -half);
        var lines = (int)(sizeMetres / BlockMetres);
        var streets = new List<Street>();
        for (var i = 0; i <= lines; i++)
        {
            var arterial = i % ArterialEvery == 0;
            var ns = new List<GeoPoint>();
            var ew = new List<GeoPoint>();
            for (var j = 0; j <= lines; j++)
            {
                ns.Add(origin.Offset(j * BlockMetres, i * BlockMetres));
                ew.Add(origin.Offset(i * BlockMetres, j * BlockMetres));
            }

            streets.Add(new Street(arterial ? $"Avenue {i / ArterialEvery + 1}" : $"{Ordinal(i)} Street", arterial, ns));
            streets.Add(new Street(arterial ? $"Boulevard {(char)('A' + (i / ArterialEvery))}" : $"{Ordinal(i)} Lane", arterial, ew));
        }

        var districts = new List<District>();
        var third = sizeMetres / 3;
        for (var row = 0; row < 3; row++)
        {
            for (var col = 0; col < 3; col++)
            {
                var sw = origin.Offset((2 - row) * third, col * third);
                districts.Add(new District(DistrictNames[(row * 3) + col],
                    [sw, sw.Offset(0, third), sw.Offset(third, third), sw.Offset(third, 0), sw]));
            }
        }

        var mix = new (DeviceKind Kind, string Agency, string Prefix, double Share)[]
        {
            (DeviceKind.AirQuality, "environment", "AQ", 0.22),
            (DeviceKind.Traffic, "transport", "TR", 0.21),
            (DeviceKind.Acoustic, "police", "AC", 0.14),
            (DeviceKind.Flood, "water", "FL", 0.11),
            (DeviceKind.PowerGrid, "power", "PG", 0.14),
            (DeviceKind.Water, "water", "WA", 0.14),
            (DeviceKind.PanicButton, "city-security", "PB", 0.04),
        };
        var devices = new List<SimulatedDevice>(deviceCount);
        foreach (var (kind, agency, prefix, share) in mix)
        {
            var n = Math.Max(1, (int)Math.Round(deviceCount * share));
            for (var k = 0; k < n; k++)
            {
                // Sensors sit on street lines (at a random point along a random block), as they do on lamp posts and feeders.
                var onLine = random.Next(lines + 1) * BlockMetres;
                var along = random.NextDouble() * sizeMetres;
                var location = random.Next(2) == 0 ? origin.Offset(along, onLine) : origin.Offset(onLine, along);
                var district = DistrictOf(location, origin, third);
                var id = $"{prefix}-{k + 1:D4}";
                devices.Add(new SimulatedDevice(id, $"{Describe(kind)} {id} ({district})", kind, location, agency, district, QuantitiesByKind[kind]));
            }
        }

        var units = new List<SimulatedUnit>();
        var stations = new[] { (0, 0), (0, 2), (1, 1), (2, 0), (2, 2), (1, 0) };
        var fleet = new (UnitKind Kind, string Agency, string Sign, int Count)[]
        {
            (UnitKind.Police, "police", "PATROL", 12), (UnitKind.Fire, "fire", "ENGINE", 8), (UnitKind.Ems, "ems", "MEDIC", 8), (UnitKind.Security, "city-security", "GUARD", 2),
        };
        var unitIndex = 0;
        foreach (var (kind, agency, sign, count) in fleet)
        {
            for (var k = 0; k < count; k++)
            {
                var (r, c) = stations[(unitIndex + k) % stations.Length];
                var station = origin.Offset(((2 - r) * third) + (third / 2), (c * third) + (third / 2));
                units.Add(new SimulatedUnit($"{agency}-{k + 1}", $"{sign}-{k + 1}", kind, agency, station));
            }

            unitIndex += count;
        }

        return new CityModel("Demo City", middle, streets, districts, devices, units);
    }

    private static string DistrictOf(GeoPoint p, GeoPoint origin, double third)
    {
        var northMetres = (p.Lat - origin.Lat) / LatitudeDegreesPerMetre;
        var eastMetres = p.DistanceTo(new GeoPoint(p.Lat, origin.Lon)) * Math.Sign(p.Lon - origin.Lon);
        var row = 2 - Math.Clamp((int)(northMetres / third), 0, 2);
        var col = Math.Clamp((int)(eastMetres / third), 0, 2);
        return DistrictNames[(row * 3) + col];
    }

    private static string Describe(DeviceKind kind) => kind switch
    {
        DeviceKind.AirQuality => "Air quality",
        DeviceKind.Traffic => "Traffic counter",
        DeviceKind.Acoustic => "Acoustic sensor",
        DeviceKind.Flood => "Flood gauge",
        DeviceKind.PowerGrid => "Feeder monitor",
        DeviceKind.Water => "Pressure logger",
        DeviceKind.PanicButton => "Panic button",
        _ => kind.ToString(),
    };

    private static string Ordinal(int i) => (i % 10, i % 100) switch
    {
        (1, not 11) => $"{i}st",
        (2, not 12) => $"{i}nd",
        (3, not 13) => $"{i}rd",
        _ => $"{i}th",
    };
}
