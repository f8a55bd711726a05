using System.Runtime.InteropServices;

namespace Vigil.Platform.Ingest;

/// <summary>One observation as it travels the hot path: 24 bytes, no strings.</summary>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct ObservationRow(long TimestampMs, int QuantityIndex, double Value);
