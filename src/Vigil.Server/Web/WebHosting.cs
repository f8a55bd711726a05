using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Vigil.Platform.Configuration;
using Vigil.Platform.Ports;
using Vigil.Platform.Privacy;
using Vigil.Platform.Reports;
using Vigil.Server.Apis;
using Vigil.Server.Configuration;
using Vigil.Server.Hosting;
using Vigil.Server.Security;

namespace Vigil.Server.Web;

/// <summary>
/// The browser side of the server: the operator console at "/", the resident portal at "/public", and the APIs only
/// they need (base map, procedures, residents' reports, public air quality).
/// </summary>
public static class WebHosting
{
    public static IServiceCollection AddVigilWeb(this IServiceCollection services)
    {
        services.AddOptions<WebOptions>().BindConfiguration(WebOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new ContactCipher(ContactKeyFile.LoadRing(sp.GetRequiredService<IOptions<PrivacyOptions>>().Value,
            sp.GetRequiredService<IOptions<ServerOptions>>().Value.DataDirectory, sp.GetRequiredService<TimeProvider>())));
        services.AddSingleton<ReportDesk>();
        services.AddSingleton<ReportAccess>();
        services.AddSingleton(sp => new ReportRetention(sp.GetRequiredService<IReportStore>(), sp.GetRequiredService<ILiveFeed>(),
            sp.GetRequiredService<IOptions<PrivacyOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<ReportRetentionService>();
        services.AddSingleton<DistrictAirQuality>();
        services.AddSingleton(sp =>
        {
            var file = sp.GetRequiredService<IOptions<WebOptions>>().Value.SopsFile;
            return SopCatalog.Load(string.IsNullOrWhiteSpace(file) ? null : file);
        });
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(PublicApi.ReportLimiter, context =>
            {
                var perMinute = context.RequestServices.GetRequiredService<IOptions<WebOptions>>().Value.ReportsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
        });
        return services;
    }

    /// <summary>Serves the built pages (before authentication: they are the same for everyone) and maps the web APIs.</summary>
    public static WebApplication UseVigilWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<WebOptions>>().Value;
        var root = options.ResolveRoot();
        if (Directory.Exists(root))
        {
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = new PhysicalFileProvider(root),
                OnPrepareResponse = context =>
                {
                    // Vite puts a content hash in every asset name, so an asset never changes under its name.
                    if (context.Context.Request.Path.StartsWithSegments("/assets", StringComparison.Ordinal))
                    {
                        context.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
                    }
                },
            });
        }

        app.UseRateLimiter();
        var csp = ContentSecurityPolicy(options.TileUrl);
        app.MapGet("/", (HttpContext context) => Page(context, root, "index.html", csp)).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/public/{**rest}", (HttpContext context) => Page(context, root, "public.html", csp)).AllowAnonymous().ExcludeFromDescription();
        app.MapMapApi();
        app.MapSopsApi();
        app.MapPublicApi();
        app.MapReportsApi();
        return app;
    }

    private static IResult Page(HttpContext context, string root, string file, string csp)
    {
        var path = Path.Combine(root, file);
        if (!File.Exists(path))
        {
            return TypedResults.Problem(
                $"The web pages are not built ({path} is missing). Build the solution with Node.js installed, or run 'npm install --no-audit --no-fund && npm run build' in web/.",
                statusCode: StatusCodes.Status404NotFound, title: "Web pages not built");
        }

        var headers = context.Response.Headers;
        headers.CacheControl = "no-cache";
        headers.ContentSecurityPolicy = csp;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        return TypedResults.PhysicalFile(path, "text/html; charset=utf-8");
    }

    /// <summary>Only our own scripts; images also from the tile server, if one is configured. Leaflet positions with inline styles.</summary>
    private static string ContentSecurityPolicy(string? tileUrl)
    {
        var tiles = string.Empty;
        if (!string.IsNullOrWhiteSpace(tileUrl) && Uri.TryCreate(tileUrl.Replace("{s}", "a", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            tiles = " " + uri.GetLeftPart(UriPartial.Authority).Replace("//a.", "//*.", StringComparison.Ordinal);
        }

        return $"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:{tiles}; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";
    }
}
