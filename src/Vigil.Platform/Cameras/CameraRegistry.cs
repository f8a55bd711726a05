using System.Collections.Concurrent;

namespace Vigil.Platform.Cameras;

/// <summary>
/// The stored camera configurations, held in memory: ingest reads one per batch, administration replaces them rarely.
/// A worker notices a replaced configuration by reference and rebuilds that camera's tracker and rules.
/// </summary>
public sealed class CameraRegistry
{
    private readonly ConcurrentDictionary<string, CameraConfigView> _byId = new(StringComparer.Ordinal);

    public ICollection<CameraConfigView> All => _byId.Values;

    public void Load(IEnumerable<CameraConfigView> configs)
    {
        ArgumentNullException.ThrowIfNull(configs);
        foreach (var config in configs)
        {
            _byId[config.CameraId] = config;
        }
    }

    public void Upsert(CameraConfigView config)
    {
        ArgumentNullException.ThrowIfNull(config);
        _byId[config.CameraId] = config;
    }

    public void Remove(string cameraId) => _byId.TryRemove(cameraId, out _);

    public CameraConfigView? Find(string cameraId) => _byId.GetValueOrDefault(cameraId);
}
