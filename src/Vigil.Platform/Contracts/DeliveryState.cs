namespace Vigil.Platform.Contracts;

/// <summary>Where one alert's delivery to one subscriber stands. Values are persisted; do not renumber.</summary>
public enum DeliveryState
{
    /// <summary>Waiting for its due time (the first attempt, or a retry after a backoff).</summary>
    Pending = 0,

    /// <summary>Leased to a dispatcher; handed out again if its result never comes back before the lease ends.</summary>
    InFlight = 1,

    Delivered = 2,

    /// <summary>Every attempt failed, or the receiver refused it for good; kept for an operator to inspect and retry.</summary>
    DeadLettered = 3,
}
