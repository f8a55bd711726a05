namespace Vigil.Platform.Contracts;

/// <summary>Who receives matched alerts and how. Values are persisted; do not renumber.</summary>
public enum SubscriberKind
{
    /// <summary>An integrator's HTTPS endpoint, registered by an administrator, posted signed CAP messages.</summary>
    Webhook = 0,

    /// <summary>A resident's subscription, read through an inbox that only the holder of its token can open.</summary>
    Resident = 1,
}
