using Vigil.Domain.Devices;
using Vigil.Platform.Ingest;

namespace Vigil.Platform.Ports;

/// <summary>Registered devices. Every change is written together with its audit record.</summary>
public interface IDeviceStore
{
    Task<IReadOnlyList<DeviceEntry>> LoadAllAsync(CancellationToken cancellationToken);

    /// <summary>Adds the device; returns its ordinal, or null when the id is taken.</summary>
    Task<int?> AddAsync(Device device, AuditRecord audit, CancellationToken cancellationToken);

    Task<bool> UpdateAsync(Device device, AuditRecord audit, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(string deviceId, AuditRecord audit, CancellationToken cancellationToken);
}
