using System.Security.Cryptography;
using System.Text.Json;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ingest;
using Vigil.Platform.Ports;

namespace Vigil.Platform.ApiKeys;

/// <summary>
/// Issues, checks and revokes third-party apps' keys. The secret is shown once, at creation; only its hash is kept,
/// so a copy of the database does not hand out working keys.
/// </summary>
public sealed class ApiKeyDesk(IApiKeyStore store, TimeProvider time)
{
    public const int MaxNameLength = 100;

    /// <summary>A new key for the app called <paramref name="name"/>; the secret in the answer is never stored.</summary>
    public async Task<(ApiKeyRecord Key, string Secret)> CreateAsync(string name, string actor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var now = time.GetUtcNow();
        var secret = NewSecret();
        var key = new ApiKeyRecord("ak-" + RandomNumberGenerator.GetHexString(12, lowercase: true), name.Trim(), DeviceRegistry.HashKey(secret), now, actor, null);
        var audit = new AuditRecord(now, actor, "apikey.create", "apikey", key.Id, null, Describe(key));
        if (!await store.AddAsync(key, audit, cancellationToken).ConfigureAwait(false))
        {
            // 48 random bits of id and 256 of secret: a collision is a broken random source, not bad luck.
            throw new InvalidOperationException("A freshly generated API key collided with a stored one.");
        }

        return (key, secret);
    }

    /// <summary>The active key this secret belongs to; null when it is unknown or revoked.</summary>
    public async Task<ApiKeyRecord?> FindActiveAsync(string? secret, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 200)
        {
            return null;
        }

        var key = await store.FindByHashAsync(DeviceRegistry.HashKey(secret), cancellationToken).ConfigureAwait(false);
        return key is { IsActive: true } ? key : null;
    }

    /// <summary>Revokes the key; false when it is unknown or was already revoked.</summary>
    public Task<bool> RevokeAsync(string id, string actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var audit = new AuditRecord(now, actor, "apikey.revoke", "apikey", id, null, null);
        return store.RevokeAsync(id, now, audit, cancellationToken);
    }

    public Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken) => store.ListAsync(cancellationToken);

    /// <summary>"ok_" and 43 URL-safe characters: 256 bits, so a plain SHA-256 is enough to store it.</summary>
    private static string NewSecret()
    {
        Span<byte> secret = stackalloc byte[32];
        RandomNumberGenerator.Fill(secret);
        return "ok_" + Convert.ToBase64String(secret).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private static string Describe(ApiKeyRecord key) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["id"] = key.Id, ["name"] = key.Name }, VigilJson.Default.DictionaryStringString);
}
