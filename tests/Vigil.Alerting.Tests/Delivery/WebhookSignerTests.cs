using System.Security.Cryptography;
using System.Text;
using Vigil.Alerting.Delivery;

namespace Vigil.Alerting.Tests.Delivery;

public sealed class WebhookSignerTests
{
    private static readonly byte[] Secret = Encoding.ASCII.GetBytes("whsec-0123456789abcdef");
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    [Fact]
    public void Signature_is_hmac_sha256_of_timestamp_dot_body()
    {
        var body = "<alert/>"u8.ToArray();
        var header = new WebhookSigner(Secret).Sign(T0, body);

        // Independent computation with the framework's one-shot HMAC.
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Secret, Encoding.ASCII.GetBytes("1700000000.<alert/>")));
        Assert.Equal($"t=1700000000,v1={expected}", header);
    }

    [Fact]
    public void Rfc4231_test_case_2_matches_the_primitive_we_build_on()
    {
        // RFC 4231 §4.3: key "Jefe", data "what do ya want for nothing?".
        var mac = HMACSHA256.HashData("Jefe"u8, "what do ya want for nothing?"u8);
        Assert.Equal("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", Convert.ToHexStringLower(mac));
    }

    [Fact]
    public void Verification_accepts_the_signed_body_and_rejects_tampering_and_replay()
    {
        var signer = new WebhookSigner(Secret);
        var body = "<alert>1</alert>"u8.ToArray();
        var header = signer.Sign(T0, body);
        Assert.True(signer.TryVerify(header, body, T0.AddSeconds(30), TimeSpan.FromMinutes(5), out _));
        Assert.False(signer.TryVerify(header, "<alert>2</alert>"u8, T0, TimeSpan.FromMinutes(5), out var tampered));
        Assert.Equal("signature mismatch", tampered);
        Assert.False(signer.TryVerify(header, body, T0.AddMinutes(10), TimeSpan.FromMinutes(5), out var replay));
        Assert.Equal("timestamp outside the tolerance window", replay);
        Assert.False(new WebhookSigner("another-secret-0123"u8).TryVerify(header, body, T0, TimeSpan.FromMinutes(5), out _));
    }

    [Fact]
    public void Any_of_several_signatures_is_accepted_during_secret_rotation()
    {
        var body = "x"u8.ToArray();
        var old = new WebhookSigner("old-secret-0123456789"u8).Sign(T0, body);
        var next = new WebhookSigner(Secret).Sign(T0, body);
        var both = old + "," + next[(next.IndexOf(',', StringComparison.Ordinal) + 1)..];
        Assert.True(new WebhookSigner(Secret).TryVerify(both, body, T0, TimeSpan.FromMinutes(5), out _));
    }

    [Fact]
    public void Idempotency_key_is_stable_per_alert_and_subscriber()
    {
        var sent = new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.FromHours(-5));
        var a = IdempotencyKey.For(7, "s@x", "ID-1", sent);
        Assert.Equal(a, IdempotencyKey.For(7, "s@x", "ID-1", sent.ToUniversalTime()));
        Assert.NotEqual(a, IdempotencyKey.For(8, "s@x", "ID-1", sent));
        Assert.NotEqual(a, IdempotencyKey.For(7, "s@x", "ID-2", sent));
        Assert.Equal(32, a.Length);
    }
}
