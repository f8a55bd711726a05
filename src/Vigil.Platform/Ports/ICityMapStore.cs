using Vigil.Platform.Contracts;

namespace Vigil.Platform.Ports;

/// <summary>Where the city's base map is kept: loaded by whoever provisions the city (an import, `vigil demo`).</summary>
public interface ICityMapStore
{
    /// <summary>The current base map, or null when none has been loaded.</summary>
    Task<CityLayers?> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Replaces the base map, with its audit record.</summary>
    Task SaveAsync(CityLayers layers, AuditRecord audit, CancellationToken cancellationToken);
}
