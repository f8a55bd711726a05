using System.Security.Cryptography;

namespace Vigil.Platform.Privacy;

/// <summary>
/// The AES-256 keys that seal residents' contact details. One key writes; every key in the ring still reads, so a
/// rotation (add a key, make it the write key) leaves everything sealed before it readable. Key ids travel inside
/// each ciphertext, which is how a reader picks the key.
/// </summary>
public sealed class ContactKeyRing
{
    public const int KeyBytes = 32;
    private readonly Dictionary<string, byte[]> _keys;

    public ContactKeyRing(IReadOnlyDictionary<string, byte[]> keys, string writeKeyId)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (id, key) in keys)
        {
            if (!IsValidKeyId(id))
            {
                throw new ArgumentException($"Key id '{id}' must be 1-32 letters, digits, '-' or '_'.", nameof(keys));
            }

            if (key.Length != KeyBytes)
            {
                throw new ArgumentException($"Key '{id}' must be {KeyBytes} bytes (AES-256), not {key.Length}.", nameof(keys));
            }

            _keys[id] = key.ToArray();
        }

        if (!_keys.ContainsKey(writeKeyId))
        {
            throw new ArgumentException($"The write key '{writeKeyId}' is not in the key ring.", nameof(writeKeyId));
        }

        WriteKeyId = writeKeyId;
    }

    public string WriteKeyId { get; }

    public IReadOnlyCollection<string> KeyIds => _keys.Keys;

    internal byte[] WriteKey => _keys[WriteKeyId];

    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(KeyBytes);

    internal bool TryGetKey(string id, out byte[] key) => _keys.TryGetValue(id, out key!);

    public static bool IsValidKeyId(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 32)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }
}
