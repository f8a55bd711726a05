namespace Vigil.Domain.Devices;

/// <summary>One measurement by a device.</summary>
public readonly record struct Observation(string DeviceId, DateTimeOffset Time, string Quantity, double Value);
