using Vigil.Platform.Contracts;

namespace Vigil.Platform.Ports;

/// <summary>
/// A subscriber to store. A webhook has its URL and the secret its messages are signed with (kept as given: signing
/// needs it); a resident has only the SHA-256 hash of its token, so a leaked database opens no inbox.
/// </summary>
public sealed record NewSubscriber(
    SubscriberKind Kind,
    string Name,
    string? Url,
    string? Secret,
    string? TokenHash,
    SubscriptionArea Area,
    DateTimeOffset CreatedAt);
