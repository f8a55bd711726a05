using Microsoft.AspNetCore.Http;

namespace Vigil.Server.Open311;

/// <summary>A written Open311 document with its status code: errors carry 4xx with the spec's body, not ProblemDetails.</summary>
internal sealed class Open311Result(byte[] body, string contentType, int statusCode) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public int? StatusCode => statusCode;

    public string ContentType => contentType;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = statusCode;
        httpContext.Response.ContentType = contentType;
        httpContext.Response.ContentLength = body.Length;
        return httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
    }
}
