namespace Vigil.Platform.Contracts;

/// <summary>A third-party app's key as stored: the SHA-256 of the secret, never the secret itself.</summary>
public sealed record ApiKeyRecord(string Id, string Name, string KeyHash, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt)
{
    public bool IsActive => RevokedAt is null;
}

/// <summary>A key as administrators see it: who it is for and whether it still works, without the hash.</summary>
public sealed record ApiKeyView(string Id, string Name, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt)
{
    public static ApiKeyView From(ApiKeyRecord key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new(key.Id, key.Name, key.CreatedAt, key.CreatedBy, key.RevokedAt);
    }
}
