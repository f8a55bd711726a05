namespace Vigil.Platform.Ports;

/// <summary>A stored batch: its device's ordinal and the batch id the sender chose (unique per device).</summary>
public readonly record struct BatchKey(int DeviceOrdinal, string BatchId);
