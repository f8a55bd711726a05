using System.ComponentModel.DataAnnotations;

namespace Vigil.Server.Forecasting;

/// <summary>
/// Where the forecasting service finds its incident history (section "Vigil:Forecasting"). With no incidents file the
/// incidents recorded in Vigil itself are used; with no boundary file the city map's districts are the boundary.
/// </summary>
public sealed class ForecastingOptions
{
    public const string Section = "Vigil:Forecasting";

    /// <summary>A CSV of past incidents (time, category, and lon/lat or projected x/y); see docs/forecasting-model-card.md.</summary>
    public string? IncidentsFile { get; set; }

    /// <summary>The city boundary as GeoJSON (WGS84, or EPSG:2913 for the NIJ Portland files).</summary>
    public string? BoundaryFile { get; set; }

    /// <summary>Districts as GeoJSON, for the disparity report; the city map's districts when empty.</summary>
    public string? DistrictsFile { get; set; }

    /// <summary>The planar CRS of the grid (EPSG:2913, EPSG:326zz, UTM10N); by default the boundary's own or its UTM zone.</summary>
    public string? Crs { get; set; }

    /// <summary>What the data is, shown with every forecast (e.g. that it is synthetic).</summary>
    public string? DataLabel { get; set; }

    /// <summary>
    /// The model family. The time-decayed KDE is the default because it refits in milliseconds on any history; the
    /// model card recommends the learned models for accuracy (<c>ranker</c> for burglary, <c>blend</c> for vehicle
    /// theft) where a few seconds of learning per refit are fine.
    /// </summary>
    [Required]
    public string Model { get; set; } = "kde-decay";

    /// <summary>Cell side in metres; 152.4 m is the model card's 500 ft cell, inside NIJ's 250-600 ft range.</summary>
    [Range(25, 2000)]
    public double CellSizeMetres { get; set; } = 152.4;

    /// <summary>Share of the city's cells flagged as hotspots (the model card scores 1 % and 5 % of the city).</summary>
    [Range(0.001, 0.5)]
    public double FlaggedShare { get; set; } = 0.05;

    /// <summary>A cached fit older than this is refitted on the next request.</summary>
    [Range(1, 10080)]
    public int RefitAfterMinutes { get; set; } = 60;
}
