using System.Buffers;

namespace Vigil.Anomaly;

/// <summary>Conveniences over <see cref="IStreamingDetector"/> for callers that store state as a byte array.</summary>
public static class StreamingDetectorExtensions
{
    /// <summary>The detector's learned state as a fresh byte array (allocates; for checkpoints, not hot paths).</summary>
    public static byte[] SaveState(this IStreamingDetector detector)
    {
        ArgumentNullException.ThrowIfNull(detector);
        var buffer = new ArrayBufferWriter<byte>(4096);
        detector.WriteState(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The flatline detector's state as a fresh byte array.</summary>
    public static byte[] SaveState(this Health.FlatlineDetector detector)
    {
        ArgumentNullException.ThrowIfNull(detector);
        var buffer = new ArrayBufferWriter<byte>(64);
        detector.WriteState(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The delivery monitor's state as a fresh byte array.</summary>
    public static byte[] SaveState(this Health.DeliveryMonitor monitor)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        var buffer = new ArrayBufferWriter<byte>(256);
        monitor.WriteState(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The message-rate detector's state as a fresh byte array.</summary>
    public static byte[] SaveState(this Security.MessageRateJumpDetector detector)
    {
        ArgumentNullException.ThrowIfNull(detector);
        var buffer = new ArrayBufferWriter<byte>(64);
        detector.WriteState(buffer);
        return buffer.WrittenSpan.ToArray();
    }
}
