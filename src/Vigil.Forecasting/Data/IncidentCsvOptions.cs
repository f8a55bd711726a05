namespace Vigil.Forecasting.Data;

/// <summary>
/// Which CSV columns hold time, place and category. A column left null is looked up among the usual names
/// (the NIJ Portland export uses occ_date/x_ft/y_ft/category, the VPD export occurred_local/x_utm10n/y_utm10n/type).
/// </summary>
public sealed record IncidentCsvOptions
{
    public string? TimeColumn { get; init; }

    public string? CategoryColumn { get; init; }

    /// <summary>Projected easting column (used as-is, in the grid's unit).</summary>
    public string? XColumn { get; init; }

    public string? YColumn { get; init; }

    /// <summary>WGS84 longitude column, used with <see cref="Projection"/> when no projected columns are present.</summary>
    public string? LonColumn { get; init; }

    public string? LatColumn { get; init; }

    /// <summary>
    /// When set, WGS84 lon/lat are projected with it even where projected columns exist, so that data in
    /// any CRS lands on one planar grid. When null, projected columns are required.
    /// </summary>
    public Projection? Projection { get; init; }

    internal static readonly string[] TimeNames = ["occ_date", "occurred_local", "occurred", "time", "date", "datetime", "timestamp"];
    internal static readonly string[] CategoryNames = ["category", "type", "offense", "offence", "crime_type"];
    internal static readonly string[] XNames = ["x_ft", "x_utm10n", "x", "easting"];
    internal static readonly string[] YNames = ["y_ft", "y_utm10n", "y", "northing"];
    internal static readonly string[] LonNames = ["lon", "longitude", "lng"];
    internal static readonly string[] LatNames = ["lat", "latitude"];
}
