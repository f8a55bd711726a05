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
}
