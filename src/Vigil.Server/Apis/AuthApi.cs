using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Vigil.Platform.Ports;
using Vigil.Server.Hosting;
using Vigil.Server.Security;

namespace Vigil.Server.Apis;

public static class AuthApi
{
    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth").WithTags("Sign-in");

        // Sign-in must be reachable before anyone is signed in; it is the one user endpoint that allows anonymous callers.
        group.MapPost("/login", LoginAsync).AllowAnonymous().WithSummary("Sign in: sets the session cookie and returns a bearer token");
        group.MapPost("/logout", LogoutAsync).RequireAuthorization(Policies.AnyUser).WithSummary("Sign out");
        group.MapGet("/me", Me).RequireAuthorization(Policies.AnyUser)
            .WithSummary("Who is signed in");
        return group;
    }

    public sealed record LoginRequest(string? UserName, string? Password);

    public sealed record LoginResponse(string Token, DateTimeOffset ExpiresAt, string UserName, string Role);

    private static async Task<IResult> LoginAsync(LoginRequest request, HttpContext context, IUserStore users, TokenService tokens, TimeProvider time, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password))
        {
            return Problems.Fields([new("userName", "and password are required."), new("password", "is required.")]);
        }

        var user = await users.FindByNameAsync(request.UserName, cancellationToken).ConfigureAwait(false);
        if (user is null || user.Disabled || !AccountFactory.Verify(user, request.Password))
        {
            return TypedResults.Problem("Wrong user name or password.", statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(TokenService.Claims(user), AuthSchemes.Cookie, ClaimTypes.Name, ClaimTypes.Role));
        await context.SignInAsync(AuthSchemes.Cookie, principal).ConfigureAwait(false);
        return TypedResults.Ok(new LoginResponse(tokens.Issue(user), time.GetUtcNow() + TokenService.Lifetime, user.UserName, user.Role.ToString()));
    }

    private static async Task<IResult> LogoutAsync(HttpContext context, CancellationToken cancellationToken)
    {
        await context.SignOutAsync(AuthSchemes.Cookie).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static IResult Me(ClaimsPrincipal user) =>
        TypedResults.Ok(new Dictionary<string, string>
        {
            ["userName"] = user.Identity?.Name ?? string.Empty,
            ["role"] = user.FindFirst(ClaimTypes.Role)?.Value ?? string.Empty,
        });
}
