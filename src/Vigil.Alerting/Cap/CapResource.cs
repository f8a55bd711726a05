namespace Vigil.Alerting.Cap;

/// <summary>CAP 1.2 §3.2.3 <c>resource</c>: a digital asset that supplements the info block.</summary>
public sealed record CapResource
{
    public required string ResourceDesc { get; init; }

    public required string MimeType { get; init; }

    /// <summary>Size in bytes.</summary>
    public long? Size { get; init; }

    public string? Uri { get; init; }

    /// <summary>Base64 content, when the resource is carried inside the message.</summary>
    public string? DerefUri { get; init; }

    /// <summary>SHA-1 digest of the resource, hexadecimal.</summary>
    public string? Digest { get; init; }
}
