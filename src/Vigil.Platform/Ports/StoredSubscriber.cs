using Vigil.Platform.Contracts;

namespace Vigil.Platform.Ports;

/// <summary>A subscriber with the secret its webhook messages are signed with (null for residents).</summary>
public sealed record StoredSubscriber(SubscriberView Subscriber, string? Secret);
