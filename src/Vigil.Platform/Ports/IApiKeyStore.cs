using Vigil.Platform.Contracts;

namespace Vigil.Platform.Ports;

/// <summary>
/// Keys that third-party apps (Open311 clients) present. Only a hash of each key is stored; every change is written
/// together with its audit record.
/// </summary>
public interface IApiKeyStore
{
    /// <summary>Adds the key; false when its id or hash is already stored.</summary>
    Task<bool> AddAsync(ApiKeyRecord key, AuditRecord audit, CancellationToken cancellationToken);

    /// <summary>The key with this hash, revoked or not; null when none has it.</summary>
    Task<ApiKeyRecord?> FindByHashAsync(string keyHash, CancellationToken cancellationToken);

    /// <summary>Every key, oldest first.</summary>
    Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Marks the key revoked at <paramref name="at"/>; false when it is unknown or already revoked.</summary>
    Task<bool> RevokeAsync(string id, DateTimeOffset at, AuditRecord audit, CancellationToken cancellationToken);
}
