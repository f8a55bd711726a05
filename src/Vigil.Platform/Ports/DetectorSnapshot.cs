namespace Vigil.Platform.Ports;

/// <summary>A device's rule and detector state as bytes (<c>RuleBook.WriteState</c>), taken at <paramref name="SavedAt"/>.</summary>
public sealed record DetectorSnapshot(string DeviceId, DateTimeOffset SavedAt, byte[] State);
