using System.Globalization;
using Vigil.Forecasting.Data;
using Vigil.Forecasting.Geo;

namespace Vigil.Cli.Commands.Forecasting;

/// <summary>
/// Loads incidents, boundary and districts onto one planar CRS. The grid CRS is --crs when given, else the boundary's
/// own projected CRS (EPSG:2913 for the NIJ Portland files), else the UTM zone of the boundary's centre. Projected
/// incident columns are used as-is when they are in the grid CRS; otherwise lon/lat are projected.
/// </summary>
internal sealed record ForecastInputs(
    IncidentSet Incidents,
    IncidentCsvReadResult Read,
    Region Boundary,
    IReadOnlyList<Region> Districts,
    Projection Projection,
    string DataPath)
{
    public static bool TryLoad(string dataPath, string boundaryPath, string? districtsPath, string? crs, out ForecastInputs? inputs, out string? error)
    {
        inputs = null;
        if (!File.Exists(dataPath))
        {
            error = $"--data: file '{dataPath}' not found.";
            return false;
        }

        if (!TryRegions(boundaryPath, "--boundary", out var boundary, out error))
        {
            return false;
        }

        Projection? projection = null;
        if (crs is not null && !Projection.TryParse(crs, out projection))
        {
            error = $"--crs: '{crs}' is not supported (use EPSG:2913, EPSG:326zz/327zz or UTM10N-style names).";
            return false;
        }

        var nativeProjected = !boundary!.IsGeographic && boundary.CrsName is { } name && name.EndsWith("2913", StringComparison.Ordinal);
        if (projection is null)
        {
            if (nativeProjected)
            {
                projection = Projection.OregonNorthFeet();
            }
            else if (boundary.IsGeographic)
            {
                var r0 = boundary.Regions[0];
                projection = Projection.Utm(Projection.UtmZoneOf((r0.MinX + r0.MaxX) / 2), (r0.MinY + r0.MaxY) / 2 >= 0);
            }
            else
            {
                error = $"--boundary: coordinates are in '{boundary.CrsName}', which is not known here; give --crs or use an RFC 7946 (WGS84) file.";
                return false;
            }
        }

        var boundaryRegion = Union(Planar(boundary, projection, out error));
        if (boundaryRegion is null)
        {
            return false;
        }

        IReadOnlyList<Region> districts = [];
        if (districtsPath is not null)
        {
            if (!TryRegions(districtsPath, "--districts", out var d, out error))
            {
                return false;
            }

            var planar = Planar(d!, projection, out error);
            if (planar is null)
            {
                return false;
            }

            districts = planar.Regions;
        }

        // Projected columns are trusted only when the grid CRS is the boundary's own native CRS (the NIJ layout).
        var csvOptions = new IncidentCsvOptions { Projection = nativeProjected && projection.Name == "EPSG:2913" ? null : projection };
        IncidentCsvReadResult? read;
        using (var reader = new StreamReader(dataPath))
        {
            if (!IncidentCsvReader.TryRead(reader, csvOptions, out read, out error))
            {
                error = $"--data: {error}";
                return false;
            }
        }

        if (read!.Incidents.Count == 0)
        {
            error = $"--data: no usable incidents ({read.SkippedInvalid} invalid rows, {read.SkippedWithoutLocation} without location).";
            return false;
        }

        inputs = new ForecastInputs(read.Incidents, read, boundaryRegion, districts, projection, Path.GetFullPath(dataPath));
        return true;
    }

    /// <summary>Parses 7d, 2w, 1m (30 days), 3m or a plain day count.</summary>
    public static bool TryParseHorizon(string text, out double days)
    {
        days = 0;
        var s = text.Trim().ToLowerInvariant();
        if (s.Length == 0)
        {
            return false;
        }

        var unit = s[^1];
        var number = char.IsLetter(unit) ? s[..^1] : s;
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || !(n > 0))
        {
            return false;
        }

        days = unit switch
        {
            'd' => n,
            'w' => n * 7,
            'm' => n * 30,
            _ when char.IsDigit(unit) => n,
            _ => 0,
        };
        return days is >= 1 and <= 92;
    }

    public static bool TryParseDate(string? text, out double day)
    {
        day = 0;
        if (text is null || !DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d))
        {
            return false;
        }

        day = IncidentCsvReader.ToDays(d);
        return true;
    }

    public static string Date(double day) => IncidentCsvReader.FromDays(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static bool TryRegions(string path, string option, out RegionCollection? regions, out string? error)
    {
        regions = null;
        if (!File.Exists(path))
        {
            error = $"{option}: file '{path}' not found.";
            return false;
        }

        using var stream = File.OpenRead(path);
        if (!GeoJsonRegionReader.TryRead(stream, null, out regions, out error))
        {
            error = $"{option}: {error}";
            return false;
        }

        return true;
    }

    private static RegionCollection? Planar(RegionCollection regions, Projection projection, out string? error)
    {
        error = null;
        if (regions.IsGeographic)
        {
            return regions.Map(projection.Forward, projection.Name);
        }

        if (regions.CrsName is { } name && name.EndsWith(projection.Name.Replace("EPSG:", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal))
        {
            return regions;
        }

        error = $"GeoJSON in '{regions.CrsName}' does not match the grid CRS {projection.Name}; give WGS84 (RFC 7946) files or matching --crs.";
        return null;
    }

    private static Region? Union(RegionCollection? regions) =>
        regions is null ? null : regions.Regions.Count == 1 ? regions.Regions[0] : Region.Combine("boundary", regions.Regions);
}
