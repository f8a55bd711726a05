namespace Vigil.Platform.Ports;

public readonly record struct StoredObservation(long TimestampMs, int QuantityIndex, double Value);
