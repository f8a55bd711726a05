using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Vigil.Forecasting.Data;
using Vigil.Forecasting.Geo;
using Vigil.Platform.Ports;
using Vigil.Server.Web;

namespace Vigil.Server.Forecasting;

/// <summary>
/// Loads the forecasting inputs named by <see cref="ForecastingOptions"/>: incidents from the configured CSV or from
/// Vigil's own incident records, boundary and districts from the configured GeoJSON or from the city map. The grid CRS
/// is the configured one, else EPSG:2913 for a boundary in it (the NIJ Portland files), else the boundary's UTM zone.
/// </summary>
public sealed class ForecastHistoryLoader(IOptions<ForecastingOptions> options, IOperationsStore operations, ICityMapStore maps)
{
    /// <summary>Vigil's incident query has a row limit; the forecasting history reads at most this many.</summary>
    private const int MaxStoredIncidents = 200_000;

    public sealed record Result(ForecastHistory? History, string? Error);

    public async Task<Result> LoadAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        RegionCollection? boundary;
        RegionCollection? districts = null;
        if (!string.IsNullOrWhiteSpace(o.BoundaryFile))
        {
            if (!TryRegions(o.BoundaryFile, "BoundaryFile", out boundary, out var error))
            {
                return new Result(null, error);
            }
        }
        else
        {
            var layers = await maps.LoadAsync(cancellationToken).ConfigureAwait(false);
            if (layers is null || layers.Districts.Count == 0)
            {
                return new Result(null, "No city boundary: set Vigil:Forecasting:BoundaryFile or load a city map with districts.");
            }

            using var stream = new MemoryStream(CityGeoJson.Write(layers));
            if (!GeoJsonRegionReader.TryRead(stream, "name", out boundary, out var error))
            {
                return new Result(null, $"City map: {error}");
            }

            districts = boundary;
        }

        if (!string.IsNullOrWhiteSpace(o.DistrictsFile))
        {
            if (!TryRegions(o.DistrictsFile, "DistrictsFile", out districts, out var error))
            {
                return new Result(null, error);
            }
        }

        if (!TryProjection(o.Crs, boundary!, out var projection, out var crsError))
        {
            return new Result(null, crsError);
        }

        var planarBoundary = Planar(boundary!, projection!, "BoundaryFile", out var planarError);
        var planarDistricts = districts is null ? new RegionCollection([], false, projection!.Name) : Planar(districts, projection!, "DistrictsFile", out planarError);
        if (planarBoundary is null || planarDistricts is null)
        {
            return new Result(null, planarError);
        }

        var region = planarBoundary.Regions.Count == 1 ? planarBoundary.Regions[0] : Region.Combine("boundary", planarBoundary.Regions);
        byte[] content;
        string source;
        if (!string.IsNullOrWhiteSpace(o.IncidentsFile))
        {
            if (!File.Exists(o.IncidentsFile))
            {
                return new Result(null, $"Vigil:Forecasting:IncidentsFile '{o.IncidentsFile}' not found.");
            }

            content = await File.ReadAllBytesAsync(o.IncidentsFile, cancellationToken).ConfigureAwait(false);
            source = Path.GetFullPath(o.IncidentsFile);
        }
        else
        {
            content = await StoredIncidentsCsvAsync(cancellationToken).ConfigureAwait(false);
            source = "vigil incidents";
        }

        // Projected columns are trusted only in the boundary's own native CRS (the NIJ layout); otherwise lon/lat are projected.
        var native = !boundary!.IsGeographic && projection!.Name == "EPSG:2913";
        using var reader = new StreamReader(new MemoryStream(content, writable: false));
        if (!IncidentCsvReader.TryRead(reader, new IncidentCsvOptions { Projection = native ? null : projection }, out var read, out var readError))
        {
            return new Result(null, $"{source}: {readError}");
        }

        if (read!.Incidents.Count == 0)
        {
            return new Result(null, $"{source}: no usable incidents ({read.SkippedInvalid} invalid rows, {read.SkippedWithoutLocation} without location).");
        }

        return new Result(new ForecastHistory(read.Incidents, region, planarDistricts.Regions, projection!, source, content, string.IsNullOrWhiteSpace(o.DataLabel) ? null : o.DataLabel.Trim()), null);
    }

    /// <summary>Vigil's incidents as the same CSV an import reads, so both paths share one reader and one audit hash.</summary>
    private async Task<byte[]> StoredIncidentsCsvAsync(CancellationToken cancellationToken)
    {
        var incidents = await operations.ListIncidentsAsync(new IncidentQuery(Limit: MaxStoredIncidents), cancellationToken).ConfigureAwait(false);
        var csv = new StringBuilder("time,category,lon,lat\n");
        foreach (var incident in incidents)
        {
            csv.Append(incident.CreatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)).Append(',')
                .Append(incident.Type.Replace(',', ' ')).Append(',')
                .Append(incident.Location.Lon.ToString("R", CultureInfo.InvariantCulture)).Append(',')
                .Append(incident.Location.Lat.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private static bool TryRegions(string path, string option, out RegionCollection? regions, out string? error)
    {
        regions = null;
        if (!File.Exists(path))
        {
            error = $"Vigil:Forecasting:{option} '{path}' not found.";
            return false;
        }

        using var stream = File.OpenRead(path);
        if (!GeoJsonRegionReader.TryRead(stream, null, out regions, out error))
        {
            error = $"Vigil:Forecasting:{option}: {error}";
            return false;
        }

        return true;
    }

    private static bool TryProjection(string? crs, RegionCollection boundary, out Projection? projection, out string? error)
    {
        error = null;
        if (!string.IsNullOrWhiteSpace(crs))
        {
            if (Projection.TryParse(crs, out projection))
            {
                return true;
            }

            error = $"Vigil:Forecasting:Crs '{crs}' is not supported (use EPSG:2913, EPSG:326zz/327zz or UTM10N-style names).";
            return false;
        }

        if (!boundary.IsGeographic && boundary.CrsName is { } name && name.EndsWith("2913", StringComparison.Ordinal))
        {
            projection = Projection.OregonNorthFeet();
            return true;
        }

        if (boundary.IsGeographic)
        {
            var r0 = boundary.Regions[0];
            projection = Projection.Utm(Projection.UtmZoneOf((r0.MinX + r0.MaxX) / 2), (r0.MinY + r0.MaxY) / 2 >= 0);
            return true;
        }

        projection = null;
        error = $"Vigil:Forecasting:BoundaryFile is in '{boundary.CrsName}', which is not known here; set Vigil:Forecasting:Crs or use WGS84 GeoJSON.";
        return false;
    }

    private static RegionCollection? Planar(RegionCollection regions, Projection projection, string option, out string? error)
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

        error = $"Vigil:Forecasting:{option} is in '{regions.CrsName}', not the grid CRS {projection.Name}; use WGS84 GeoJSON or set Vigil:Forecasting:Crs.";
        return null;
    }
}
