using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Vigil.Domain.Accounts;
using Vigil.Platform.Ports;
using Vigil.Server.Hosting;
using Vigil.Server.Security;

namespace Vigil.Server.Apis;

/// <summary>User accounts and the audit trail.</summary>
public static class AdministrationApi
{
    public static IEndpointRouteBuilder MapAdministrationApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/v1/users").WithTags("Users");
        users.MapGet("/", ListUsersAsync).RequireAuthorization(Policies.ManageUsers).WithSummary("List user accounts");
        users.MapPost("/", CreateUserAsync).RequireAuthorization(Policies.ManageUsers).WithSummary("Create a user account");

        var audit = app.MapGroup("/api/v1/audit").WithTags("Audit");
        audit.MapGet("/", ListAuditAsync).RequireAuthorization(Policies.ReadAudit).WithSummary("Audit records, oldest first, after a sequence number");
        audit.MapGet("/verify", VerifyAudit).RequireAuthorization(Policies.ReadAudit).WithSummary("Recompute the hash chain; reports the first broken record");
        return app;
    }

    public sealed record UserView(string Id, string UserName, string DisplayName, Role Role, bool Disabled, DateTimeOffset CreatedAt);

    public sealed record CreateUserRequest(string? UserName, string? DisplayName, Role? Role, string? Password, string? AgencyId = null);

    public sealed record AuditVerification(bool Intact, long? FirstBrokenSeq);

    private static async Task<IResult> ListUsersAsync(IUserStore store, CancellationToken cancellationToken)
    {
        var list = new List<UserView>();
        foreach (var u in await store.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new UserView(u.Id, u.UserName, u.DisplayName, u.Role, u.Disabled, u.CreatedAt));
        }

        return TypedResults.Ok(list);
    }

    private static async Task<IResult> CreateUserAsync(CreateUserRequest request, HttpContext context, IUserStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new List<KeyValuePair<string, string>>();
        if (string.IsNullOrWhiteSpace(request.UserName) || request.UserName.Length > 64)
        {
            errors.Add(new("userName", "is required, at most 64 characters."));
        }

        if (request.Role is not { } role || !Enum.IsDefined(role))
        {
            errors.Add(new("role", $"is required: one of {string.Join(", ", Enum.GetNames<Role>())}."));
        }

        if (request.AgencyId is { } agency && (agency.Length > 64 || string.IsNullOrWhiteSpace(agency)))
        {
            errors.Add(new("agencyId", "must be 1-64 characters when given."));
        }

        if (PasswordPolicy.Check(request.Password) is { } problem)
        {
            errors.Add(new("password", problem));
        }

        if (errors.Count > 0)
        {
            return Problems.Fields(errors);
        }

        var user = await AccountFactory.CreateAsync(store, request.UserName!.Trim(), request.DisplayName ?? request.UserName!.Trim(), request.Role!.Value,
            request.Password!, request.AgencyId?.Trim(), context.User.Actor(), time, cancellationToken).ConfigureAwait(false);
        return user is null
            ? Problems.Conflict($"User name {request.UserName} is taken.")
            : TypedResults.Created($"/api/v1/users/{user.Id}", new UserView(user.Id, user.UserName, user.DisplayName, user.Role, user.Disabled, user.CreatedAt));
    }

    private static async Task<IResult> ListAuditAsync(
        [FromQuery] long? after, [FromQuery] int? limit, [FromQuery] string? entityType, [FromQuery] string? entityId,
        IAuditStore store, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 5000)
        {
            return Problems.Field("limit", "must be between 1 and 5000.");
        }

        return TypedResults.Ok(await store.ListAsync(after ?? 0, limit ?? 500, entityType, entityId, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<IResult> VerifyAudit(IAuditStore store, CancellationToken cancellationToken)
    {
        var broken = await store.VerifyChainAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new AuditVerification(broken is null, broken));
    }
}
