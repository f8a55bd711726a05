using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Vigil.Platform.Contracts;

namespace Vigil.Platform.Privacy;

/// <summary>
/// Seals contact details with AES-256-GCM. The stored form is "v1.{keyId}.{base64url(nonce | ciphertext | tag)}":
/// a fresh 96-bit random nonce per seal (NIST SP 800-38D, section 8.2.2, bounds random nonces at 2^32 seals per key,
/// far beyond any city's report volume), and the report's ticket as associated data, so a sealed value copied onto
/// another report does not open there.
/// </summary>
public sealed class ContactCipher(ContactKeyRing ring)
{
    private const string Version = "v1";
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    public ContactKeyRing Ring => ring;

    public string Seal(ContactDetails contact, string ticket)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentException.ThrowIfNullOrEmpty(ticket);
        var plain = JsonSerializer.SerializeToUtf8Bytes(contact, VigilJson.Default.ContactDetails);
        var sealedBytes = new byte[NonceBytes + plain.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(ring.WriteKey, TagBytes))
        {
            aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length), Associated(ticket));
        }

        CryptographicOperations.ZeroMemory(plain);
        return string.Concat(Version, ".", ring.WriteKeyId, ".", Base64Url.EncodeToString(sealedBytes));
    }

    /// <summary>Opens a sealed value; false when it is malformed, its key is not in the ring, or it was tampered with or moved.</summary>
    public bool TryOpen(string? sealedValue, string ticket, out ContactDetails? contact)
    {
        contact = null;
        if (!TryParse(sealedValue, out var keyId, out var payload) || !ring.TryGetKey(keyId, out var key))
        {
            return false;
        }

        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(payload);
        }
        catch (FormatException)
        {
            return false;
        }

        if (bytes.Length < NonceBytes + TagBytes)
        {
            return false;
        }

        var plain = new byte[bytes.Length - NonceBytes - TagBytes];
        try
        {
            using var aes = new AesGcm(key, TagBytes);
            aes.Decrypt(bytes.AsSpan(0, NonceBytes), bytes.AsSpan(NonceBytes, plain.Length), bytes.AsSpan(NonceBytes + plain.Length), plain, Associated(ticket));
            contact = JsonSerializer.Deserialize(plain, VigilJson.Default.ContactDetails);
            return contact is not null;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
        catch (JsonException)
        {
            return false;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <summary>The key id a sealed value names, or null when it is not a sealed value.</summary>
    public static string? KeyIdOf(string? sealedValue) => TryParse(sealedValue, out var keyId, out _) ? keyId : null;

    /// <summary>True when the value is not sealed with the current write key, so a re-encrypt pass should reseal it.</summary>
    public bool NeedsReseal(string? sealedValue) => sealedValue is not null && KeyIdOf(sealedValue) != ring.WriteKeyId;

    private static bool TryParse(string? sealedValue, out string keyId, out ReadOnlySpan<char> payload)
    {
        keyId = string.Empty;
        payload = default;
        if (sealedValue is null || !sealedValue.StartsWith(Version + ".", StringComparison.Ordinal))
        {
            return false;
        }

        var rest = sealedValue.AsSpan(Version.Length + 1);
        var dot = rest.IndexOf('.');
        if (dot <= 0)
        {
            return false;
        }

        keyId = rest[..dot].ToString();
        payload = rest[(dot + 1)..];
        return ContactKeyRing.IsValidKeyId(keyId);
    }

    private static byte[] Associated(string ticket) => Encoding.UTF8.GetBytes("vigil.report.contact:" + ticket);
}
