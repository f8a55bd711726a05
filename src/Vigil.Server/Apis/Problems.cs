using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Platform.Operations;

namespace Vigil.Server.Apis;

/// <summary>RFC 9457 problem responses, and the small helpers the feature APIs share.</summary>
internal static class Problems
{
    /// <summary>A desk handover takes about a second once the broker has noticed the old holder is gone.</summary>
    private const int DeskRetryAfterSeconds = 2;

    public static ValidationProblem Field(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The request has invalid fields.");

    public static ValidationProblem Fields(IEnumerable<KeyValuePair<string, string>> errors)
    {
        var grouped = new Dictionary<string, List<string>>();
        foreach (var (field, message) in errors)
        {
            if (!grouped.TryGetValue(field, out var list))
            {
                grouped[field] = list = [];
            }

            list.Add(message);
        }

        var result = new Dictionary<string, string[]>(grouped.Count);
        foreach (var (field, list) in grouped)
        {
            result[field] = [.. list];
        }

        return TypedResults.ValidationProblem(result, title: "The request has invalid fields.");
    }

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Not allowed in the current state");

    public static IResult From<T>(DeskResult<T> result, Func<T, IResult> ok) => result.Failure switch
    {
        DeskFailure.None => ok(result.Value!),
        DeskFailure.NotFound => NotFound(result.Message ?? "Not found."),
        DeskFailure.Unavailable => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Operations desk held by another node"),
        _ => Conflict(result.Message ?? "Refused."),
    };

    /// <summary>The HTTP form of a desk's answer, forwarded or not: the same status and ProblemDetails either way.</summary>
    public static IResult From(DeskReply reply, Func<DeskReply, IResult> ok)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return reply.Failure switch
        {
            DeskFailure.None => ok(reply),
            DeskFailure.NotFound => NotFound(reply.Message ?? "Not found."),
            DeskFailure.Unavailable => new RetryAfterResult(
                TypedResults.Problem(reply.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Operations desk unavailable"), DeskRetryAfterSeconds),
            _ => Conflict(reply.Message ?? "Refused."),
        };
    }

    public static string Actor(this ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";
}
