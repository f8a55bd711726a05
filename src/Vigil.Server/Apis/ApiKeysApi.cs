using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Vigil.Platform.ApiKeys;
using Vigil.Platform.Contracts;
using Vigil.Server.Security;

namespace Vigil.Server.Apis;

/// <summary>Keys for third-party apps (Open311 clients): administrators issue and revoke them.</summary>
public static class ApiKeysApi
{
    public static RouteGroupBuilder MapApiKeysApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/api-keys").WithTags("API keys");
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.ManageApiKeys).WithSummary("Third-party apps' keys (never the secrets)");
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.ManageApiKeys).WithSummary("Issue a key; the secret is in this answer only");
        group.MapDelete("/{id}", RevokeAsync).RequireAuthorization(Policies.ManageApiKeys).WithSummary("Revoke a key; apps using it are refused from then on");
        return group;
    }

    public sealed record CreateKeyRequest(string? Name);

    public sealed record CreatedKey(string Id, string Name, string ApiKey, DateTimeOffset CreatedAt);

    private static async Task<IResult> ListAsync(ApiKeyDesk keys, CancellationToken cancellationToken)
    {
        var list = new List<ApiKeyView>();
        foreach (var key in await keys.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(ApiKeyView.From(key));
        }

        return TypedResults.Ok(list);
    }

    private static async Task<IResult> CreateAsync(CreateKeyRequest request, HttpContext context, ApiKeyDesk keys, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > ApiKeyDesk.MaxNameLength)
        {
            return Problems.Field("name", $"is required: the app or organisation the key is for, at most {ApiKeyDesk.MaxNameLength} characters.");
        }

        var (key, secret) = await keys.CreateAsync(request.Name, context.User.Actor(), cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/v1/api-keys/{key.Id}", new CreatedKey(key.Id, key.Name, secret, key.CreatedAt));
    }

    private static async Task<IResult> RevokeAsync(string id, HttpContext context, ApiKeyDesk keys, CancellationToken cancellationToken) =>
        await keys.RevokeAsync(id, context.User.Actor(), cancellationToken).ConfigureAwait(false)
            ? TypedResults.NoContent()
            : Problems.NotFound($"No active API key {id}.");
}
