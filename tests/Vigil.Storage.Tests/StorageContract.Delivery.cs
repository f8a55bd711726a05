using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;
using Xunit;

namespace Vigil.Storage.Tests;

/// <summary>The contract of alert subscribers and the delivery outbox.</summary>
public abstract partial class StorageContract
{
    private static readonly SubscriptionArea Home = new(new GeoView(45.52, -122.68), null, null);

    [ContractFact]
    public async Task Subscribers_are_listed_with_secrets_found_by_token_hash_and_removed()
    {
        await using var storage = await OpenAsync();
        var polygon = new SubscriptionArea(null, null, [new(45.5, -122.7), new(45.6, -122.7), new(45.6, -122.6), new(45.5, -122.7)]);
        var hook = await storage.Subscribers.AddAsync(new NewSubscriber(SubscriberKind.Webhook, "county EOC", "https://eoc.example/cap", "whsec_abc", null, polygon, Samples.Now), default);
        var resident = await storage.Subscribers.AddAsync(new NewSubscriber(SubscriberKind.Resident, "home", null, null, "hash-1", Home with { RadiusKm = 2 }, Samples.Now), default);
        Assert.NotEqual(hook.Id, resident.Id);

        var all = await storage.Subscribers.ListAsync(default);
        Assert.Equal([hook.Id, resident.Id], all.Select(s => s.Subscriber.Id));
        Assert.Equal("whsec_abc", all[0].Secret);
        Assert.Null(all[1].Secret);
        Assert.Equal("https://eoc.example/cap", all[0].Subscriber.Url);
        Assert.Equal(4, all[0].Subscriber.Area.Polygon!.Count);
        Assert.Equal(2, all[1].Subscriber.Area.RadiusKm);

        Assert.Equal(resident.Id, (await storage.Subscribers.FindByTokenHashAsync("hash-1", default))!.Id);
        Assert.Null(await storage.Subscribers.FindByTokenHashAsync("hash-2", default));

        Assert.True(await storage.Subscribers.RemoveAsync(resident.Id, default));
        Assert.False(await storage.Subscribers.RemoveAsync(resident.Id, default));
        Assert.Single(await storage.Subscribers.ListAsync(default));
    }

    [ContractFact]
    public async Task Outbox_leases_webhook_deliveries_again_after_a_lost_result_retries_and_dead_letters()
    {
        await using var storage = await OpenAsync();
        var hook = await storage.Subscribers.AddAsync(new NewSubscriber(SubscriberKind.Webhook, "eoc", "https://eoc.example/cap", "whsec_abc", null, Home, Samples.Now), default);
        var resident = await storage.Subscribers.AddAsync(new NewSubscriber(SubscriberKind.Resident, "home", null, null, "hash-1", Home, Samples.Now), default);
        var alert = SampleAlert("a-1");
        var change = new AlertChange(alert, "<alert>a-1</alert>", "alert.published", Samples.Audit("alert.approve", "alert", "a-1"),
            [new NewDelivery(hook.Id, "key-hook", DeliveryState.Pending), new NewDelivery(resident.Id, "key-home", DeliveryState.Delivered)]);
        await storage.Alerts.SaveAsync([change], default);

        // Saving the same fan-out again (a retried approval) adds nothing.
        await storage.Alerts.SaveAsync([change], default);
        Assert.Equal(2, (await storage.Deliveries.ListAsync(null, null, 10, default)).Count);

        // Only the webhook is leased; the resident's inbox already holds the alert.
        var t = Samples.Now;
        var first = Assert.Single(await storage.Deliveries.LeaseDueAsync(t, t.AddMinutes(1), 10, default));
        Assert.Equal((hook.Id, "a-1", "https://eoc.example/cap", "whsec_abc", "key-hook", "<alert>a-1</alert>", 1),
            (first.SubscriberId, first.AlertId, first.Url, first.Secret, first.IdempotencyKey, first.CapXml, first.Attempts));
        Assert.Equal("a-1", Assert.Single(await storage.Deliveries.InboxAsync(resident.Id, 10, default)).Id);

        // While leased it is not handed out; once the lease ends without a result it is, as a second attempt.
        Assert.Empty(await storage.Deliveries.LeaseDueAsync(t.AddSeconds(30), t.AddMinutes(2), 10, default));
        var second = Assert.Single(await storage.Deliveries.LeaseDueAsync(t.AddMinutes(1), t.AddMinutes(2), 10, default));
        Assert.Equal((first.Id, 2), (second.Id, second.Attempts));

        // A failed attempt is due again after its backoff; a late result for a delivery no longer in flight is ignored.
        Assert.True(await storage.Deliveries.CompleteAsync(second.Id, DeliveryState.Pending, t.AddMinutes(1), t.AddMinutes(5), "HTTP 503", default));
        Assert.False(await storage.Deliveries.CompleteAsync(second.Id, DeliveryState.Delivered, t.AddMinutes(1), t.AddMinutes(1), null, default));
        Assert.Empty(await storage.Deliveries.LeaseDueAsync(t.AddMinutes(4), t.AddMinutes(6), 10, default));
        var third = Assert.Single(await storage.Deliveries.LeaseDueAsync(t.AddMinutes(5), t.AddMinutes(6), 10, default));
        Assert.Equal(3, third.Attempts);

        Assert.True(await storage.Deliveries.CompleteAsync(third.Id, DeliveryState.DeadLettered, t.AddMinutes(5), t.AddMinutes(5), "HTTP 500", default));
        var dead = Assert.Single(await storage.Deliveries.ListAsync(DeliveryState.DeadLettered, null, 10, default));
        Assert.Equal((third.Id, 3, "HTTP 500"), (dead.Id, dead.Attempts, dead.LastError));
        Assert.Empty(await storage.Deliveries.LeaseDueAsync(t.AddHours(1), t.AddHours(2), 10, default));

        // An operator's retry starts a fresh attempt budget; only dead letters can be requeued.
        Assert.True(await storage.Deliveries.RequeueAsync(dead.Id, t.AddHours(1), default));
        Assert.False(await storage.Deliveries.RequeueAsync(dead.Id, t.AddHours(1), default));
        var again = Assert.Single(await storage.Deliveries.LeaseDueAsync(t.AddHours(1), t.AddHours(2), 10, default));
        Assert.Equal(1, again.Attempts);
        Assert.True(await storage.Deliveries.CompleteAsync(again.Id, DeliveryState.Delivered, t.AddHours(1), t.AddHours(1), null, default));
        var delivered = Assert.Single(await storage.Deliveries.ListAsync(DeliveryState.Delivered, hook.Id, 10, default));
        Assert.Equal(t.AddHours(1), delivered.DeliveredAt);

        // Removing a subscriber removes its deliveries.
        Assert.True(await storage.Subscribers.RemoveAsync(hook.Id, default));
        Assert.Empty(await storage.Deliveries.ListAsync(null, hook.Id, 10, default));
    }

    private static AlertView SampleAlert(string id) => new(
        id, "Alert", AlertStatus.Issued, "Safety", "Immediate", "Severe", "Observed",
        [new AlertTextView("en-US", "Chemical Release", "Plume", "A plume.", "Go indoors.")],
        [new AlertAreaView("Harbour", [], ["45.52,-122.68 1"])],
        Samples.Now.AddHours(6), null, "alice", Samples.Now, "bob", Samples.Now, null, null, null, null);
}
