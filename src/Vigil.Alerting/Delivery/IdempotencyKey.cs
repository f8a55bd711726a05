using System.Security.Cryptography;
using System.Text;
using Vigil.Alerting.Cap;

namespace Vigil.Alerting.Delivery;

/// <summary>
/// The key a receiver uses to drop duplicates of an at-least-once delivery: the same for every attempt of one alert to
/// one subscriber, different otherwise. Derived from the CAP message's identity (sender, identifier, sent), which
/// CAP 1.2 §3.2.1 makes unique, and the subscriber id.
/// </summary>
public static class IdempotencyKey
{
    public static string For(long subscriberId, CapAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return For(subscriberId, alert.Sender, alert.Identifier, alert.Sent);
    }

    public static string For(long subscriberId, string sender, string identifier, DateTimeOffset sent)
    {
        var text = $"{subscriberId}\n{sender}\n{identifier}\n{CapDateTime.Format(sent.ToUniversalTime())}";
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }
}
