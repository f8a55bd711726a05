using Vigil.Platform.Contracts;
using Vigil.Simulation;

namespace Vigil.Cli.Commands.Core;

/// <summary>The generated city's streets and districts as the base map the consoles draw.</summary>
internal static class DemoCityMap
{
    public static CityLayers From(CityModel city)
    {
        var districts = new List<MapDistrict>(city.Districts.Count);
        foreach (var district in city.Districts)
        {
            districts.Add(new MapDistrict(district.Name, Convert(district.Ring)));
        }

        var streets = new List<MapStreet>(city.Streets.Count);
        foreach (var street in city.Streets)
        {
            streets.Add(new MapStreet(street.Name, street.Arterial, Convert(street.Points)));
        }

        return new CityLayers(city.Name, new GeoView(city.Centre.Lat, city.Centre.Lon), districts, streets);
    }

    private static List<GeoView> Convert(IReadOnlyList<Vigil.Domain.Geo.GeoPoint> points)
    {
        var views = new List<GeoView>(points.Count);
        foreach (var point in points)
        {
            views.Add(new GeoView(point.Lat, point.Lon));
        }

        return views;
    }
}
