using System.Buffers;

namespace Vigil.Anomaly;

/// <summary>
/// A detector that learns what normal looks like for one series and scores each observation as it arrives.
/// One instance per series; an instance is owned by a single worker and is not thread-safe.
/// </summary>
public interface IStreamingDetector
{
    /// <summary>Scores one observation and then learns from it. Observations must arrive in time order.</summary>
    AnomalyResult Observe(long timestampTicks, double value);

    /// <summary>Appends the full learned state, so that detection survives a restart.</summary>
    void WriteState(IBufferWriter<byte> destination);

    /// <summary>
    /// Replaces the learned state with one written by <see cref="WriteState"/> of a detector with the same options.
    /// Returns false, leaving the detector unchanged, when the bytes are truncated, of another kind or version, or shaped for other options.
    /// </summary>
    bool TryReadState(ReadOnlySpan<byte> source);
}
