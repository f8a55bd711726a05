namespace Vigil.Forecasting.Geo;

/// <summary>The polygons of one GeoJSON file and whether their coordinates are geographic (RFC 7946 lon/lat).</summary>
public sealed record RegionCollection(IReadOnlyList<Region> Regions, bool IsGeographic, string? CrsName)
{
    /// <summary>The collection with every region mapped (e.g. projected from WGS84).</summary>
    public RegionCollection Map(Func<double, double, (double X, double Y)> map, string crsName)
    {
        var mapped = new Region[Regions.Count];
        for (var i = 0; i < mapped.Length; i++)
        {
            mapped[i] = Regions[i].Map(map);
        }

        return new RegionCollection(mapped, false, crsName);
    }
}
