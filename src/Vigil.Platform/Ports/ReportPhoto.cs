namespace Vigil.Platform.Ports;

/// <summary>A photo attached to a resident's report, as uploaded (already checked to be a JPEG, PNG or WebP image).</summary>
public sealed record ReportPhoto(string ContentType, byte[] Data);
