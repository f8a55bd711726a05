using Vigil.Alerting.Delivery;

namespace Vigil.Alerting.Tests.Delivery;

public sealed class WebhookOutboxTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, 0.0, 5)]
    [InlineData(1, 0.999999, 10)]
    [InlineData(3, 0.0, 20)]
    [InlineData(20, 0.0, 900)]
    public void Delay_doubles_with_equal_jitter_and_is_capped(int attempt, double u, double expectedSeconds)
    {
        var delay = new RetryPolicy().DelayAfter(attempt, u);
        Assert.Equal(expectedSeconds, delay.TotalSeconds, 3);
    }

    [Theory]
    [InlineData(200, WebhookOutcome.Delivered)]
    [InlineData(204, WebhookOutcome.Delivered)]
    [InlineData(0, WebhookOutcome.Transient)]
    [InlineData(429, WebhookOutcome.Transient)]
    [InlineData(503, WebhookOutcome.Transient)]
    [InlineData(400, WebhookOutcome.Permanent)]
    [InlineData(410, WebhookOutcome.Permanent)]
    public void Status_codes_are_classified(int status, WebhookOutcome outcome) => Assert.Equal(outcome, WebhookOutcomes.FromStatus(status));

    [Fact]
    public void Failures_are_retried_with_growing_delays_then_dead_lettered()
    {
        var clock = new FakeTimeProvider(T0);
        var policy = new RetryPolicy { MaxAttempts = 4 };
        var outbox = new WebhookOutbox(clock, policy, new Random(1));
        var delivery = outbox.Enqueue(7, "https://hooks.example/a", "key-1", "<alert/>"u8.ToArray());
        var batch = new List<WebhookDelivery>();
        var lastDue = T0;
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            batch.Clear();
            Assert.Equal(1, outbox.TakeDue(batch, 10));
            Assert.Equal(attempt, batch[0].Attempts);
            Assert.Equal("key-1", batch[0].IdempotencyKey);
            var after = outbox.Complete(delivery.Id, WebhookOutcome.Transient, "503");
            if (attempt < 4)
            {
                Assert.Equal(WebhookDeliveryState.Pending, after!.State);
                var wait = after.DueAt - clock.Now;
                Assert.InRange(wait, policy.DelayAfter(attempt, 0), policy.DelayAfter(attempt, 1));
                Assert.True(after.DueAt > lastDue);
                lastDue = after.DueAt;

                // Nothing is due before the backoff expires.
                batch.Clear();
                Assert.Equal(0, outbox.TakeDue(batch, 10));
                clock.Now = after.DueAt;
            }
            else
            {
                Assert.Equal(WebhookDeliveryState.DeadLettered, after!.State);
            }
        }

        var dead = Assert.Single(outbox.DeadLetters);
        Assert.Equal("503", dead.LastError);
        Assert.Equal(0, outbox.Pending);
        Assert.True(outbox.TryRequeue(dead.Id));
        batch.Clear();
        Assert.Equal(1, outbox.TakeDue(batch, 10));
    }

    [Fact]
    public void Permanent_failure_goes_straight_to_dead_letters()
    {
        var outbox = new WebhookOutbox(new FakeTimeProvider(T0), new RetryPolicy(), new Random(1));
        var delivery = outbox.Enqueue(7, "https://hooks.example/a", "k", Array.Empty<byte>());
        outbox.TakeDue([], 10);
        Assert.Equal(WebhookDeliveryState.DeadLettered, outbox.Complete(delivery.Id, WebhookOutcome.Permanent, "410")!.State);
    }

    [Fact]
    public void Unanswered_attempt_is_handed_out_again_after_its_lease()
    {
        var clock = new FakeTimeProvider(T0);
        var outbox = new WebhookOutbox(clock, new RetryPolicy(), new Random(1)) { Lease = TimeSpan.FromMinutes(1) };
        var delivery = outbox.Enqueue(7, "https://hooks.example/a", "k", Array.Empty<byte>());
        var batch = new List<WebhookDelivery>();
        Assert.Equal(1, outbox.TakeDue(batch, 10));
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, outbox.TakeDue(batch, 10));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, outbox.TakeDue(batch, 10));
        Assert.Equal(2, batch[1].Attempts);
        Assert.Equal(WebhookDeliveryState.Delivered, outbox.Complete(delivery.Id, WebhookOutcome.Delivered)!.State);

        // A late result for the first attempt is ignored.
        Assert.Null(outbox.Complete(delivery.Id, WebhookOutcome.Transient));
    }
}
