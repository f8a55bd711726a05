using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Vigil.Server.Apis;

/// <summary>Another result with a Retry-After header (RFC 9110 §10.2.3), for a 503 that is expected to pass soon.</summary>
internal sealed class RetryAfterResult(IResult inner, int seconds) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return inner.ExecuteAsync(httpContext);
    }
}
