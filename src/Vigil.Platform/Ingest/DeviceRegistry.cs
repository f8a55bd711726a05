using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Vigil.Domain.Devices;

namespace Vigil.Platform.Ingest;

/// <summary>
/// The registered devices, held in memory so that authenticating a batch is a hash and a dictionary read. Writers
/// (device administration) are rare; readers (every ingest request, every pipeline worker) are constant.
/// </summary>
public sealed class DeviceRegistry
{
    private readonly ConcurrentDictionary<string, DeviceEntry> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DeviceEntry> _byKeyHash = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, DeviceEntry> _byOrdinal = new();

    public int Count => _byId.Count;

    public ICollection<DeviceEntry> All => _byOrdinal.Values;

    /// <summary>
    /// Raised with the device id after an administrative change on this node (<see cref="Upsert"/>, <see cref="Remove"/>),
    /// so that other nodes can be told to reload; never by <see cref="Load"/> or <see cref="Synchronize"/>.
    /// </summary>
    public event Action<string>? Changed;

    public void Load(IEnumerable<DeviceEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries)
        {
            Put(entry);
        }
    }

    /// <summary>Makes the registry match storage: devices added or changed elsewhere appear, removed ones go.</summary>
    public void Synchronize(IReadOnlyCollection<DeviceEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var present = new HashSet<string>(entries.Count, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            present.Add(entry.Device.Id);
            Put(entry);
        }

        foreach (var id in _byId.Keys)
        {
            if (!present.Contains(id) && _byId.TryRemove(id, out var gone))
            {
                _byOrdinal.TryRemove(gone.Ordinal, out _);
                _byKeyHash.TryRemove(gone.Device.KeyHash, out _);
            }
        }
    }

    public void Upsert(DeviceEntry entry)
    {
        Put(entry);
        Changed?.Invoke(entry.Device.Id);
    }

    private void Put(DeviceEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (_byOrdinal.TryGetValue(entry.Ordinal, out var previous))
        {
            _byKeyHash.TryRemove(previous.Device.KeyHash, out _);
        }

        _byId[entry.Device.Id] = entry;
        _byOrdinal[entry.Ordinal] = entry;
        _byKeyHash[entry.Device.KeyHash] = entry;
    }

    public void Remove(string deviceId)
    {
        if (_byId.TryRemove(deviceId, out var entry))
        {
            _byOrdinal.TryRemove(entry.Ordinal, out _);
            _byKeyHash.TryRemove(entry.Device.KeyHash, out _);
            Changed?.Invoke(deviceId);
        }
    }

    public DeviceEntry? Find(string deviceId) => _byId.GetValueOrDefault(deviceId);

    public DeviceEntry? Find(int ordinal) => _byOrdinal.GetValueOrDefault(ordinal);

    public DeviceEntry? FindByKey(string apiKey) =>
        string.IsNullOrEmpty(apiKey) ? null : _byKeyHash.GetValueOrDefault(HashKey(apiKey));

    /// <summary>Device keys are 256-bit random secrets, so a plain SHA-256 suffices; slow password hashing is for guessable secrets.</summary>
    public static string HashKey(string apiKey)
    {
        Span<byte> hash = stackalloc byte[32];
        var bytes = Encoding.UTF8.GetBytes(apiKey);
        SHA256.HashData(bytes, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>A new device key: "vk_" and 43 URL-safe characters of randomness.</summary>
    public static string NewKey()
    {
        Span<byte> secret = stackalloc byte[32];
        RandomNumberGenerator.Fill(secret);
        return "vk_" + Convert.ToBase64String(secret).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
