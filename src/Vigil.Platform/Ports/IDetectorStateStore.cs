namespace Vigil.Platform.Ports;

/// <summary>
/// Learned detector state per device, so that baselines survive a restart and a device's partition can be resumed by
/// whichever node takes it over. Keyed by device id: the unit that moves between partitions.
/// </summary>
public interface IDetectorStateStore
{
    /// <summary>Stores the snapshots, replacing earlier ones of the same devices, in one transaction.</summary>
    Task SaveAsync(IReadOnlyList<DetectorSnapshot> snapshots, CancellationToken cancellationToken);

    /// <summary>The latest snapshot of one device, or null when none was saved.</summary>
    Task<DetectorSnapshot?> LoadAsync(string deviceId, CancellationToken cancellationToken);

    /// <summary>Every device's latest snapshot, for a node that owns all partitions.</summary>
    Task<IReadOnlyList<DetectorSnapshot>> LoadAllAsync(CancellationToken cancellationToken);

    /// <summary>Forgets a device's snapshot (the device was deleted); false when there was none.</summary>
    Task<bool> DeleteAsync(string deviceId, CancellationToken cancellationToken);
}
