using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace Vigil.Forecasting.Data;

/// <summary>
/// A planar projection to and from WGS84 longitude/latitude (ProjNET). The grid works in the projection's unit,
/// so EPSG:2913 data stays in international feet and UTM data in metres.
/// </summary>
public sealed class Projection
{
    // EPSG:2913 "NAD83(HARN) / Oregon North (ft)": Lambert conformal conic 2SP, parameters as in the EPSG registry
    // (false easting 2,500,000 m = 8,202,099.738 ft). The datum shift to WGS84 keeps only the translations of EPSG
    // transformation 1580 (NAD83(HARN) to WGS 84 (1)); its sub-arcsecond rotations are left out, which costs under a
    // metre in Oregon, far below the grid's cell size.
    private const string Epsg2913Wkt =
        "PROJCS[\"NAD83(HARN) / Oregon North (ft)\",GEOGCS[\"NAD83(HARN)\",DATUM[\"NAD83_High_Accuracy_Reference_Network\"," +
        "SPHEROID[\"GRS 1980\",6378137,298.257222101],TOWGS84[-0.991,1.9072,0.5129,0,0,0,0]],PRIMEM[\"Greenwich\",0]," +
        "UNIT[\"degree\",0.0174532925199433]],PROJECTION[\"Lambert_Conformal_Conic_2SP\"]," +
        "PARAMETER[\"latitude_of_origin\",43.6666666666667],PARAMETER[\"central_meridian\",-120.5]," +
        "PARAMETER[\"standard_parallel_1\",46],PARAMETER[\"standard_parallel_2\",44.3333333333333]," +
        "PARAMETER[\"false_easting\",8202099.738],PARAMETER[\"false_northing\",0],UNIT[\"foot\",0.3048]," +
        "AXIS[\"Easting\",EAST],AXIS[\"Northing\",NORTH],AUTHORITY[\"EPSG\",\"2913\"]]";

    private readonly MathTransform _forward;
    private readonly MathTransform _inverse;

    private Projection(string name, CoordinateSystem target, double metresPerUnit)
    {
        var factory = new CoordinateTransformationFactory();
        _forward = factory.CreateFromCoordinateSystems(GeographicCoordinateSystem.WGS84, target).MathTransform;
        _inverse = factory.CreateFromCoordinateSystems(target, GeographicCoordinateSystem.WGS84).MathTransform;
        Name = name;
        MetresPerUnit = metresPerUnit;
    }

    public string Name { get; }

    /// <summary>Length of one projected unit in metres (0.3048 for the international foot).</summary>
    public double MetresPerUnit { get; }

    /// <summary>EPSG:2913, Oregon North in international feet (the NIJ Portland data's native CRS).</summary>
    public static Projection OregonNorthFeet() =>
        new("EPSG:2913", new CoordinateSystemFactory().CreateFromWkt(Epsg2913Wkt), 0.3048);

    /// <summary>WGS84 / UTM in metres (EPSG:326zz north, 327zz south).</summary>
    public static Projection Utm(int zone, bool north)
    {
        if (zone is < 1 or > 60)
        {
            throw new ArgumentOutOfRangeException(nameof(zone), zone, "UTM zones run from 1 to 60.");
        }

        return new($"EPSG:{(north ? 32600 : 32700) + zone}", ProjectedCoordinateSystem.WGS84_UTM(zone, north), 1.0);
    }

    /// <summary>The UTM zone holding a longitude (standard 6-degree zones, no Norway/Svalbard exceptions).</summary>
    public static int UtmZoneOf(double longitude) => Math.Clamp((int)Math.Floor((longitude + 180.0) / 6.0) + 1, 1, 60);

    /// <summary>Resolves "EPSG:2913", "EPSG:326zz"/"EPSG:327zz", or "UTM10N"-style names.</summary>
    public static bool TryParse(string text, out Projection? projection)
    {
        projection = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim().ToUpperInvariant();
        if (s is "EPSG:2913")
        {
            projection = OregonNorthFeet();
            return true;
        }

        if (s.StartsWith("EPSG:", StringComparison.Ordinal)
            && int.TryParse(s.AsSpan(5), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code)
            && code is (> 32600 and <= 32660) or (> 32700 and <= 32760))
        {
            projection = Utm(code % 100, code < 32700);
            return true;
        }

        if (s.StartsWith("UTM", StringComparison.Ordinal) && s.Length >= 5 && (s[^1] == 'N' || s[^1] == 'S')
            && int.TryParse(s.AsSpan(3, s.Length - 4), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var zone)
            && zone is >= 1 and <= 60)
        {
            projection = Utm(zone, s[^1] == 'N');
            return true;
        }

        return false;
    }

    /// <summary>WGS84 (longitude, latitude) in degrees to projected (x, y).</summary>
    public (double X, double Y) Forward(double longitude, double latitude) => _forward.Transform(longitude, latitude);

    /// <summary>Projected (x, y) to WGS84 (longitude, latitude) in degrees.</summary>
    public (double Longitude, double Latitude) Inverse(double x, double y) => _inverse.Transform(x, y);
}
