using Vigil.Domain.Devices;
using Vigil.Domain.Geo;

namespace Vigil.Simulation;

/// <summary>
/// The demo's script: a fire, a gunshot, a pollution episode, a flood and a power fault in the first minute, a broken
/// traffic sensor (a device fault for maintenance, never an incident), then a fresh random event every couple of
/// minutes so the city never goes quiet.
/// </summary>
public sealed class Scenario
{
    private readonly CityModel _city;
    private readonly Random _random;
    private readonly List<ScenarioEvent> _events = [];
    private TimeSpan _nextRandom = TimeSpan.FromMinutes(3);

    public Scenario(CityModel city, int seed = 11)
    {
        _city = city ?? throw new ArgumentNullException(nameof(city));
        _random = new Random(seed);
        var centre = city.Centre;
        Add("Power fault on a feeder", "power-fault", 5, 240, Nearest(DeviceKind.PowerGrid, centre.Offset(1200, -1500), 3), "voltage", _ => 196 + _random.NextDouble() * 4);
        Add("Building fire", "fire", 8, 300, Nearest(DeviceKind.AirQuality, centre.Offset(-900, 700), 3), "pm25", t => 280 + (120 * Math.Min(1, t / 60)) + (_random.NextDouble() * 30));
        Add("Flash flood", "flood", 10, 360, Nearest(DeviceKind.Flood, centre.Offset(-2000, -1800), 3), "level_cm", t => Math.Min(140, 25 + (6 * t)));
        Add("Gunshots", "gunshot", 15, 6, Nearest(DeviceKind.Acoustic, centre.Offset(1500, 1600), 3), "impulse_db", _ => 138 + (_random.NextDouble() * 10));
        Add("Pollution episode", "pollution", 0, 420, Nearest(DeviceKind.AirQuality, centre.Offset(2200, 2000), 6), "pm25", _ => 68 + (_random.NextDouble() * 20));

        // A speed below zero is physically impossible: the sensor, not the street, needs attention.
        Add("Broken traffic sensor", "sensor-fault", 20, 120, Nearest(DeviceKind.Traffic, centre.Offset(600, 600), 1), "speed", _ => -1);
    }

    public IReadOnlyList<ScenarioEvent> Events => _events;

    /// <summary>The value a device reads now: from an active event when it is in one, else its normal value.</summary>
    public double Reading(SimulatedDevice device, string quantity, TimeSpan elapsed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(device);
        foreach (var e in _events)
        {
            if (e.Quantity == quantity && e.DeviceIds.Contains(device.Id) && e.IsActive(elapsed))
            {
                return e.Profile((elapsed - e.Start).TotalSeconds);
            }
        }

        return SensorModel.Normal(quantity, now, _random);
    }

    /// <summary>Adds a random event when one is due; returns it so the demo can announce it.</summary>
    public ScenarioEvent? Advance(TimeSpan elapsed)
    {
        if (elapsed < _nextRandom)
        {
            return null;
        }

        _nextRandom = elapsed + TimeSpan.FromSeconds(90 + _random.Next(90));
        var where = _city.Centre.Offset((_random.NextDouble() - 0.5) * 5000, (_random.NextDouble() - 0.5) * 5000);
        var start = elapsed.TotalSeconds + 1;
        return _random.Next(5) switch
        {
            0 => Add("Building fire", "fire", start, 240, Nearest(DeviceKind.AirQuality, where, 2), "pm25", _ => 300 + (_random.NextDouble() * 80)),
            1 => Add("Gunshots", "gunshot", start, 6, Nearest(DeviceKind.Acoustic, where, 2), "impulse_db", _ => 136 + (_random.NextDouble() * 10)),
            2 => Add("Water main break", "water-main-break", start, 300, Nearest(DeviceKind.Water, where, 2), "pressure", _ => 150 + (_random.NextDouble() * 20)),
            3 => Add("Power fault on a feeder", "power-fault", start, 200, Nearest(DeviceKind.PowerGrid, where, 2), "voltage", _ => 198 + (_random.NextDouble() * 4)),
            _ => Add("Panic button pressed", "panic", start, 10, Nearest(DeviceKind.PanicButton, where, 1), "pressed", _ => 1),
        };
    }

    private ScenarioEvent Add(string name, string type, double startSeconds, double durationSeconds, IReadOnlySet<string> devices, string quantity, Func<double, double> profile)
    {
        var e = new ScenarioEvent(name, type, TimeSpan.FromSeconds(startSeconds), TimeSpan.FromSeconds(durationSeconds), devices, quantity, profile);
        _events.Add(e);
        return e;
    }

    private HashSet<string> Nearest(DeviceKind kind, GeoPoint point, int count)
    {
        var candidates = new List<(double Distance, string Id)>();
        foreach (var d in _city.Devices)
        {
            if (d.Kind == kind)
            {
                candidates.Add((d.Location.DistanceTo(point), d.Id));
            }
        }

        candidates.Sort(static (a, b) => a.Distance.CompareTo(b.Distance));
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Math.Min(count, candidates.Count); i++)
        {
            ids.Add(candidates[i].Id);
        }

        return ids;
    }
}
