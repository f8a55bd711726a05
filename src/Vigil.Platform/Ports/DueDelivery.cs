namespace Vigil.Platform.Ports;

/// <summary>A leased webhook delivery with what posting it needs; <see cref="Attempts"/> counts this attempt.</summary>
public sealed record DueDelivery(
    long Id,
    long SubscriberId,
    string AlertId,
    string Url,
    string Secret,
    string IdempotencyKey,
    string CapXml,
    int Attempts);
