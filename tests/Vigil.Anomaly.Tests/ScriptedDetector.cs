using System.Buffers;

namespace Vigil.Anomaly.Tests;

/// <summary>
/// A detector part whose likelihood the test sets before each point, so the combiner's own logic is tested alone.
/// It keeps no state, which is what it writes.
/// </summary>
internal sealed class ScriptedDetector : IStreamingDetector
{
    public double NextLikelihood { get; set; }

    public AnomalyResult Observe(long timestampTicks, double value) => new(NextLikelihood, value - 1, value + 1, value);

    public void WriteState(IBufferWriter<byte> destination)
    {
    }

    public bool TryReadState(ReadOnlySpan<byte> source) => source.IsEmpty;
}
