using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Vigil.Alerting.Delivery;

/// <summary>
/// Signs webhook bodies with HMAC-SHA256 (RFC 2104, FIPS 198-1). The signed message is "{unix seconds}.{body}", so a
/// captured request cannot be replayed outside the tolerance window; the header is "t={unix seconds},v1={hex}".
/// Several v1 values may appear while a secret is being rotated; any one that matches is accepted.
/// </summary>
public sealed class WebhookSigner
{
    public const string SignatureHeader = "Vigil-Signature";
    public const string IdempotencyHeader = "Idempotency-Key";

    private readonly byte[] _secret;

    public WebhookSigner(ReadOnlySpan<byte> secret)
    {
        if (secret.Length < 16)
        {
            throw new ArgumentException("A webhook secret needs at least 16 bytes.", nameof(secret));
        }

        _secret = secret.ToArray();
    }

    public string Sign(DateTimeOffset timestamp, ReadOnlySpan<byte> body)
    {
        var t = timestamp.ToUnixTimeSeconds();
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Compute(t, body, mac);
        return string.Create(CultureInfo.InvariantCulture, $"t={t},v1={Convert.ToHexStringLower(mac)}");
    }

    /// <summary>Checks a signature header against a body and the receiver's clock.</summary>
    public bool TryVerify(string? header, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance, out string? error)
    {
        error = null;
        if (string.IsNullOrEmpty(header))
        {
            error = "missing signature";
            return false;
        }

        long? timestamp = null;
        var candidates = new List<string>();
        foreach (var part in header.Split(','))
        {
            var kv = part.Trim();
            if (kv.StartsWith("t=", StringComparison.Ordinal) && long.TryParse(kv.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var t))
            {
                timestamp = t;
            }
            else if (kv.StartsWith("v1=", StringComparison.Ordinal))
            {
                candidates.Add(kv[3..]);
            }
        }

        if (timestamp is null || candidates.Count == 0)
        {
            error = "malformed signature header";
            return false;
        }

        if (Math.Abs(now.ToUnixTimeSeconds() - timestamp.Value) > tolerance.TotalSeconds)
        {
            error = "timestamp outside the tolerance window";
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Compute(timestamp.Value, body, expected);
        Span<byte> given = stackalloc byte[HMACSHA256.HashSizeInBytes];
        foreach (var candidate in candidates)
        {
            if (candidate.Length == 2 * given.Length
                && Convert.FromHexString(candidate, given, out _, out var written) == System.Buffers.OperationStatus.Done
                && written == given.Length
                && CryptographicOperations.FixedTimeEquals(expected, given))
            {
                return true;
            }
        }

        error = "signature mismatch";
        return false;
    }

    private void Compute(long timestamp, ReadOnlySpan<byte> body, Span<byte> mac)
    {
        Span<byte> prefix = stackalloc byte[24];
        var n = Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".", prefix);
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _secret);
        hmac.AppendData(prefix[..n]);
        hmac.AppendData(body);
        hmac.GetHashAndReset(mac);
    }
}
