using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;
using Vigil.Server.Alerts;
using Vigil.Server.Security;

namespace Vigil.Server.Apis;

/// <summary>
/// Webhook subscribers to public warnings (integrators, and gateways that relay to e-mail, SMS or sirens) and the
/// delivery outbox: list deliveries, inspect the dead letters, retry one.
/// </summary>
public static class SubscribersApi
{
    public static RouteGroupBuilder MapSubscribersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Alert delivery");
        group.MapGet("/subscribers", ListAsync).RequireAuthorization(Policies.ManageSubscribers).WithSummary("Every subscriber, webhooks and residents");
        group.MapPost("/subscribers/webhooks", AddWebhookAsync).RequireAuthorization(Policies.ManageSubscribers)
            .WithSummary("Register a webhook for an area; the response carries its signing secret, shown only this once").ProducesValidationProblem();
        group.MapDelete("/subscribers/{id:long}", RemoveAsync).RequireAuthorization(Policies.ManageSubscribers)
            .WithSummary("Remove a subscriber and its pending deliveries");
        group.MapGet("/deliveries", DeliveriesAsync).RequireAuthorization(Policies.ManageSubscribers)
            .WithSummary("Deliveries, newest first; state=DeadLettered lists the dead letters");
        group.MapPost("/deliveries/{id:long}/retry", RetryAsync).RequireAuthorization(Policies.ManageSubscribers)
            .WithSummary("Queue a dead letter again with a fresh attempt budget");
        return group;
    }

    public sealed record WebhookRequest(string? Name, string? Url, SubscriptionArea? Area);

    /// <summary>The secret signs every message (HMAC-SHA256 over "{timestamp}.{body}"); it is not shown again.</summary>
    public sealed record WebhookRegistered(SubscriberView Subscriber, string Secret);

    private static async Task<IResult> ListAsync(ISubscriberStore subscribers, CancellationToken cancellationToken)
    {
        var stored = await subscribers.ListAsync(cancellationToken).ConfigureAwait(false);
        var views = new List<SubscriberView>(stored.Count);
        foreach (var s in stored)
        {
            views.Add(s.Subscriber);
        }

        return TypedResults.Ok(views);
    }

    private static async Task<IResult> AddWebhookAsync(
        WebhookRequest request, ISubscriberStore subscribers, SubscriberDirectory directory, WebhookTargetGuard guard, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new List<KeyValuePair<string, string>>();
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100)
        {
            errors.Add(new("name", "is required, at most 100 characters."));
        }

        if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)
            || request.Url!.Length > 2000 || !string.IsNullOrEmpty(url.UserInfo))
        {
            errors.Add(new("url", "is required: an absolute http(s) URL without credentials, at most 2000 characters."));
        }
        else if (await guard.RefusalAsync(url, cancellationToken).ConfigureAwait(false) is { } refusal)
        {
            errors.Add(new("url", $"must be a public address: {refusal}."));
        }

        var area = SubscriptionAreas.Check(request.Area, "area", errors);
        if (errors.Count > 0)
        {
            return Problems.Fields(errors);
        }

        // 32 random bytes: the HMAC-SHA256 key length RFC 2104 recommends (the hash output size).
        var secret = "whsec_" + Base64Url(RandomNumberGenerator.GetBytes(32));
        var view = await subscribers.AddAsync(
            new NewSubscriber(SubscriberKind.Webhook, name!, url!.AbsoluteUri, secret, null, area!, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        directory.Invalidate();
        return TypedResults.Created($"/api/v1/subscribers/{view.Id}", new WebhookRegistered(view, secret));
    }

    private static async Task<IResult> RemoveAsync(long id, ISubscriberStore subscribers, SubscriberDirectory directory, CancellationToken cancellationToken)
    {
        if (!await subscribers.RemoveAsync(id, cancellationToken).ConfigureAwait(false))
        {
            return Problems.NotFound($"No subscriber {id}.");
        }

        directory.Invalidate();
        return TypedResults.NoContent();
    }

    private static async Task<IResult> DeliveriesAsync(
        [FromQuery] DeliveryState? state, [FromQuery] long? subscriberId, [FromQuery] int? limit, IDeliveryOutbox outbox, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 1000)
        {
            return Problems.Field("limit", "must be between 1 and 1000.");
        }

        return TypedResults.Ok(await outbox.ListAsync(state, subscriberId, limit ?? 200, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<IResult> RetryAsync(long id, IDeliveryOutbox outbox, WebhookDispatcher dispatcher, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!await outbox.RequeueAsync(id, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            return Problems.Conflict($"Delivery {id} is not a dead letter (or does not exist).");
        }

        dispatcher.Wake();
        return TypedResults.Accepted((string?)null);
    }

    internal static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
