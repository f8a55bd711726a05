namespace Vigil.Server.Configuration;

/// <summary>The browser pages: where they are and what the map draws (section "Vigil:Web").</summary>
public sealed class WebOptions
{
    public const string Section = "Vigil:Web";

    /// <summary>Folder holding the built pages; empty means the wwwroot folder beside the server's assembly.</summary>
    public string? Root { get; set; }

    /// <summary>
    /// A raster tile URL template ("https://tiles.example.org/{z}/{x}/{y}.png") for deployments with a tile server.
    /// Empty: the map draws only the city's own streets and districts, which works offline.
    /// </summary>
    public string? TileUrl { get; set; }

    /// <summary>The attribution the tile provider requires, shown on the map.</summary>
    public string? TileAttribution { get; set; }

    /// <summary>A JSON file of standard operating procedures per incident type; the built-in ones when empty.</summary>
    public string? SopsFile { get; set; }

    /// <summary>Reports one client address may file per minute; enough for a family, too few to flood the operators.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 10_000)]
    public int ReportsPerMinute { get; set; } = 10;

    public string ResolveRoot() => string.IsNullOrWhiteSpace(Root) ? Path.Combine(AppContext.BaseDirectory, "wwwroot") : Path.GetFullPath(Root);
}
