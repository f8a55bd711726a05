namespace Vigil.Alerting.Delivery;

/// <summary>
/// The at-least-once delivery schedule of webhook messages, as pure state: which deliveries are due, what happens after
/// each attempt, and the dead-letter list. A delivery handed out by <see cref="TakeDue"/> stays owned by the outbox; if
/// its result never comes back (a crash, a lost worker), it is handed out again once its lease expires, which is why
/// receivers must de-duplicate by <see cref="WebhookDelivery.IdempotencyKey"/>. Owned by one worker: not thread-safe.
/// </summary>
public sealed class WebhookOutbox
{
    private readonly TimeProvider _time;
    private readonly RetryPolicy _policy;
    private readonly Random _jitter;
    private readonly Dictionary<long, WebhookDelivery> _live = [];
    private readonly PriorityQueue<long, DateTimeOffset> _due = new();
    private readonly List<WebhookDelivery> _deadLetters = [];
    private long _nextId;

    /// <param name="jitter">Source of the backoff jitter; pass a seeded one for reproducible schedules.</param>
    public WebhookOutbox(TimeProvider time, RetryPolicy policy, Random jitter)
    {
        _time = time;
        _policy = policy;
        _jitter = jitter;
    }

    /// <summary>How long an attempt may stay unanswered before the delivery is handed out again.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(2);

    public IReadOnlyList<WebhookDelivery> DeadLetters => _deadLetters;

    public int Pending => _live.Count;

    public WebhookDelivery Enqueue(long subscriberId, string endpoint, string idempotencyKey, ReadOnlyMemory<byte> body)
    {
        var delivery = new WebhookDelivery
        {
            Id = ++_nextId,
            SubscriberId = subscriberId,
            Endpoint = endpoint,
            IdempotencyKey = idempotencyKey,
            Body = body,
            State = WebhookDeliveryState.Pending,
            DueAt = _time.GetUtcNow(),
        };
        _live[delivery.Id] = delivery;
        _due.Enqueue(delivery.Id, delivery.DueAt);
        return delivery;
    }

    /// <summary>Moves up to <paramref name="max"/> due deliveries to in-flight and appends them to <paramref name="into"/>.</summary>
    public int TakeDue(List<WebhookDelivery> into, int max)
    {
        ArgumentNullException.ThrowIfNull(into);
        var now = _time.GetUtcNow();
        var taken = 0;
        while (taken < max && _due.TryPeek(out var id, out var dueAt) && dueAt <= now)
        {
            _due.Dequeue();
            if (!_live.TryGetValue(id, out var delivery) || delivery.DueAt != dueAt)
            {
                continue; // A stale queue entry: the delivery finished or was rescheduled since.
            }

            var leased = delivery with { State = WebhookDeliveryState.InFlight, Attempts = delivery.Attempts + 1, DueAt = now + Lease };
            _live[id] = leased;
            _due.Enqueue(id, leased.DueAt);
            into.Add(leased);
            taken++;
        }

        return taken;
    }

    /// <summary>Records the result of an attempt. Unknown or already finished deliveries are ignored (a late duplicate result).</summary>
    public WebhookDelivery? Complete(long deliveryId, WebhookOutcome outcome, string? error = null)
    {
        if (!_live.TryGetValue(deliveryId, out var delivery) || delivery.State != WebhookDeliveryState.InFlight)
        {
            return null;
        }

        var now = _time.GetUtcNow();
        if (outcome == WebhookOutcome.Delivered)
        {
            _live.Remove(deliveryId);
            return delivery with { State = WebhookDeliveryState.Delivered, LastError = null };
        }

        if (outcome == WebhookOutcome.Permanent || delivery.Attempts >= _policy.MaxAttempts)
        {
            _live.Remove(deliveryId);
            var dead = delivery with { State = WebhookDeliveryState.DeadLettered, LastError = error ?? outcome.ToString() };
            _deadLetters.Add(dead);
            return dead;
        }

        var retry = delivery with
        {
            State = WebhookDeliveryState.Pending,
            DueAt = now + _policy.DelayAfter(delivery.Attempts, _jitter.NextDouble()),
            LastError = error ?? outcome.ToString(),
        };
        _live[deliveryId] = retry;
        _due.Enqueue(deliveryId, retry.DueAt);
        return retry;
    }

    /// <summary>Puts a dead letter back in the queue with a fresh attempt budget (an operator's manual retry).</summary>
    public bool TryRequeue(long deliveryId)
    {
        var index = _deadLetters.FindIndex(d => d.Id == deliveryId);
        if (index < 0)
        {
            return false;
        }

        var again = _deadLetters[index] with { State = WebhookDeliveryState.Pending, Attempts = 0, DueAt = _time.GetUtcNow() };
        _deadLetters.RemoveAt(index);
        _live[again.Id] = again;
        _due.Enqueue(again.Id, again.DueAt);
        return true;
    }
}
