using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vigil.Domain.Reports;
using Vigil.Platform.ApiKeys;
using Vigil.Server.Configuration;

namespace Vigil.Server.Open311;

public static class Open311Hosting
{
    /// <summary>The Open311 facade, third-party API keys and their rate limits.</summary>
    public static IServiceCollection AddVigilOpen311(this IServiceCollection services)
    {
        services.AddOptions<OpenDataOptions>().BindConfiguration(OpenDataOptions.Section)
            .Validate(o => o.Categories.TrueForAll(ReportCategories.IsKnown), "Vigil:OpenData:Categories may list only known report categories.")
            .ValidateOnStart();
        services.AddOptions<Open311Options>().BindConfiguration(Open311Options.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Open311Catalog>();
        services.AddSingleton<ApiKeyDesk>();
        services.AddSingleton<Open311KeyLimiter>();
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(Open311Api.AddressLimiter, context =>
            {
                var perMinute = context.RequestServices.GetRequiredService<IOptions<Open311Options>>().Value.RequestsPerMinutePerAddress;
                return RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });

            // Every limiter answers the same way: a problem saying so, and when to come back.
            o.OnRejected = async (rejected, cancellationToken) =>
            {
                var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 60;
                var http = rejected.HttpContext;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await TypedResults.Problem($"Too many requests from this address; retry after {seconds} s.", statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many requests").ExecuteAsync(http).ConfigureAwait(false);
            };
        });
        return services;
    }
}
