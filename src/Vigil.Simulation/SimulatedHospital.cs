using Vigil.Domain.Geo;

namespace Vigil.Simulation;

/// <summary>A demo hospital: where it stands (on a street, so ambulances can be routed to it) and its reported ED status and free beds.</summary>
public sealed record SimulatedHospital(string Id, string Name, GeoPoint Location, string EdStatus, int FreeBeds)
{
    /// <summary>
    /// One hospital at the street point nearest the middle of each of the first three districts. The second diverts, so
    /// the console shows a hospital skipped for capacity; the others are open with a seeded number of free beds.
    /// </summary>
    public static List<SimulatedHospital> For(CityModel city, int seed)
    {
        ArgumentNullException.ThrowIfNull(city);
        var random = new Random(seed);
        var count = Math.Min(3, city.Districts.Count);
        var hospitals = new List<SimulatedHospital>(count);
        for (var i = 0; i < count; i++)
        {
            var district = city.Districts[i];
            var site = NearestStreetPoint(city, Middle(district.Ring));
            var diverting = i == 1;
            hospitals.Add(new SimulatedHospital($"hospital-{i + 1}", $"{district.Name} General Hospital (synthetic)", site,
                diverting ? "diverting" : "open", diverting ? 0 : random.Next(2, 25)));
        }

        return hospitals;
    }

    private static GeoPoint Middle(IReadOnlyList<GeoPoint> ring)
    {
        double lat = 0, lon = 0;
        foreach (var p in ring)
        {
            lat += p.Lat;
            lon += p.Lon;
        }

        return ring.Count == 0 ? new GeoPoint(0, 0) : new GeoPoint(lat / ring.Count, lon / ring.Count);
    }

    private static GeoPoint NearestStreetPoint(CityModel city, GeoPoint target)
    {
        var best = target;
        var bestSquared = double.MaxValue;
        foreach (var street in city.Streets)
        {
            foreach (var p in street.Points)
            {
                var dLat = p.Lat - target.Lat;
                var dLon = p.Lon - target.Lon;
                var squared = (dLat * dLat) + (dLon * dLon);
                if (squared < bestSquared)
                {
                    bestSquared = squared;
                    best = p;
                }
            }
        }

        return best;
    }
}
