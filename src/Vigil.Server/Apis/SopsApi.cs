using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Vigil.Server.Configuration;
using Vigil.Server.Security;

namespace Vigil.Server.Apis;

/// <summary>Standard operating procedures per incident type, for the console's checklist.</summary>
public static class SopsApi
{
    public static RouteGroupBuilder MapSopsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/sops").WithTags("Procedures");
        group.MapGet("/", (SopCatalog catalog) => TypedResults.Ok(catalog.Procedures)).RequireAuthorization(Policies.ViewOperations)
            .WithSummary("Every incident type's checklist");
        group.MapGet("/{type}", (string type, SopCatalog catalog) =>
                catalog.Find(type) is { } procedure ? (IResult)TypedResults.Ok(procedure) : Problems.NotFound($"No procedure for incident type '{type}'."))
            .RequireAuthorization(Policies.ViewOperations).WithSummary("The checklist for one incident type");
        return group;
    }
}
