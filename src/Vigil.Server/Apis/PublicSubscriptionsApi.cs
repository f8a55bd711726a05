using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;
using Vigil.Server.Alerts;

namespace Vigil.Server.Apis;

/// <summary>
/// Residents subscribe to warnings for a place without an account. The subscription answers with a token, shown once;
/// whoever holds it reads the subscription's inbox (every warning issued for its area since) and may remove it. Only the
/// token's SHA-256 hash is stored, and nothing about the resident but the area they chose.
/// </summary>
public static class PublicSubscriptionsApi
{
    private const int InboxSize = 100;

    public static RouteGroupBuilder MapPublicSubscriptionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/public/subscriptions").WithTags("Public");
        group.MapPost("/", SubscribeAsync).AllowAnonymous().RequireRateLimiting(PublicApi.ReportLimiter)
            .WithSummary("Subscribe to warnings for a point, circle or polygon; the token in the answer opens the inbox").ProducesValidationProblem();
        group.MapGet("/{token}", InboxAsync).AllowAnonymous().WithSummary("A subscription and the warnings delivered to it, newest first");
        group.MapDelete("/{token}", UnsubscribeAsync).AllowAnonymous().WithSummary("End a subscription");
        return group;
    }

    public sealed record SubscribeRequest(string? Name, SubscriptionArea? Area);

    public sealed record Subscribed(string Token, SubscriberView Subscription);

    public sealed record Inbox(SubscriberView Subscription, IReadOnlyList<AlertView> Alerts);

    private static async Task<IResult> SubscribeAsync(
        SubscribeRequest request, ISubscriberStore subscribers, SubscriberDirectory directory, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new List<KeyValuePair<string, string>>();
        var name = string.IsNullOrWhiteSpace(request.Name) ? "My area" : request.Name.Trim();
        if (name.Length > 60)
        {
            errors.Add(new("name", "must be at most 60 characters."));
        }

        var area = SubscriptionAreas.Check(request.Area, "area", errors);
        if (errors.Count > 0)
        {
            return Problems.Fields(errors);
        }

        // 128 random bits: unguessable, so the token alone can stand for the resident.
        var token = SubscribersApi.Base64Url(RandomNumberGenerator.GetBytes(16));
        var view = await subscribers.AddAsync(
            new NewSubscriber(SubscriberKind.Resident, name, null, null, Hash(token), area!, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        directory.Invalidate();
        return TypedResults.Created($"/api/v1/public/subscriptions/{token}", new Subscribed(token, view));
    }

    private static async Task<IResult> InboxAsync(string token, ISubscriberStore subscribers, IDeliveryOutbox outbox, CancellationToken cancellationToken)
    {
        if (await subscribers.FindByTokenHashAsync(Hash(token), cancellationToken).ConfigureAwait(false) is not { } subscription)
        {
            return Problems.NotFound("No subscription has this token.");
        }

        return TypedResults.Ok(new Inbox(subscription, await outbox.InboxAsync(subscription.Id, InboxSize, cancellationToken).ConfigureAwait(false)));
    }

    private static async Task<IResult> UnsubscribeAsync(string token, ISubscriberStore subscribers, SubscriberDirectory directory, CancellationToken cancellationToken)
    {
        if (await subscribers.FindByTokenHashAsync(Hash(token), cancellationToken).ConfigureAwait(false) is not { } subscription)
        {
            return Problems.NotFound("No subscription has this token.");
        }

        await subscribers.RemoveAsync(subscription.Id, cancellationToken).ConfigureAwait(false);
        directory.Invalidate();
        return TypedResults.NoContent();
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
