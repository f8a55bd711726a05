using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Vigil.Platform.Ports;
using Vigil.Server.Configuration;
using Vigil.Server.Web;

namespace Vigil.Server.Apis;

/// <summary>The base map both consoles draw: the city's districts and streets, and the optional tile server.</summary>
public static class MapApi
{
    public static RouteGroupBuilder MapMapApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/map").WithTags("Map");

        // Street and district outlines are public information, and the resident portal draws them without signing in.
        group.MapGet("/layers", LayersAsync).AllowAnonymous()
            .WithSummary("The city's districts (Polygon) and streets (LineString) as a GeoJSON FeatureCollection")
            .Produces(StatusCodes.Status200OK, contentType: "application/geo+json");
        group.MapGet("/config", Config).AllowAnonymous().WithSummary("What the map draws under the city layers: a raster tile URL, or none");
        return group;
    }

    public sealed record MapConfig(string? TileUrl, string? TileAttribution);

    private static async Task<IResult> LayersAsync(ICityMapStore maps, CancellationToken cancellationToken)
    {
        var layers = await maps.LoadAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Bytes(CityGeoJson.Write(layers), "application/geo+json");
    }

    private static IResult Config(IOptions<WebOptions> options) =>
        TypedResults.Ok(new MapConfig(NullIfEmpty(options.Value.TileUrl), NullIfEmpty(options.Value.TileAttribution)));

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
