using System.Buffers;
using System.Text;
using Vigil.Anomaly.Serialization;

namespace Vigil.Detection.Rules;

/// <summary>
/// A device's rule state as bytes, so that learned baselines and health detectors survive a restart or move to
/// another node with the device's partition. Each binding is written with its rule id and quantity, so bytes written
/// under another rule book or another registration of the device are recognised and refused rather than misapplied.
/// Short-lived security windows (failed logins, origins in the last minutes) are not kept: a restart costs at most
/// one window of them.
/// </summary>
public sealed partial class RuleBook
{
    private const uint StateTag = 0x53524756; // "VGRS"
    private const byte StateVersion = 1;

    /// <summary>Appends the state of every rule bound to the device.</summary>
    public void WriteState(DeviceRuleState state, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(destination);
        var writer = new StateWriter(destination);
        writer.WriteHeader(StateTag, StateVersion);
        writer.WriteInt64(state.LastSeenMs);
        writer.WriteInt32(state.Bindings.Length);
        var part = new ArrayBufferWriter<byte>();
        foreach (ref readonly var b in state.Bindings.AsSpan())
        {
            writer.WriteBytes(Encoding.UTF8.GetBytes(_rules[b.RuleIndex].Id));
            writer.WriteInt32(b.QuantityIndex);
            writer.WriteByte((byte)b.Phase);
            writer.WriteInt64(b.PendingSinceMs);
            writer.WriteBoolean(b.HasLast);
            writer.WriteInt64(b.LastMs);
            writer.WriteDouble(b.LastValue);
            writer.WriteInt64(b.BandMs);
            writer.WriteDouble(b.BandLow);
            writer.WriteDouble(b.BandHigh);
            writer.WriteDouble(b.BandObserved);
            writer.WriteDouble(b.BandLikelihood);
            part.ResetWrittenCount();
            b.Detector?.WriteState(part);
            b.Flatline?.WriteState(part);
            b.Delivery?.WriteState(part);
            b.MessageRate?.WriteState(part);
            writer.WriteBytes(part.WrittenSpan);
        }
    }

    /// <summary>
    /// Restores a state written by <see cref="WriteState"/> for a device bound to the same rules and quantities.
    /// Returns false, changing nothing, when the bytes are damaged or were written for other rules or quantities.
    /// </summary>
    public bool TryReadState(DeviceRuleState state, ReadOnlySpan<byte> source)
    {
        ArgumentNullException.ThrowIfNull(state);
        var reader = new StateReader(source);
        if (!reader.TryReadHeader(StateTag, StateVersion)
            || !reader.TryReadInt64(out var lastSeen)
            || !reader.TryReadInt32(out var count) || count != state.Bindings.Length)
        {
            return false;
        }

        var restored = new DeviceRuleState.Binding[count];
        var parts = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            ref readonly var bound = ref state.Bindings[i];
            if (!TryReadBytes(ref reader, out var id)
                || !string.Equals(Encoding.UTF8.GetString(id), _rules[bound.RuleIndex].Id, StringComparison.Ordinal)
                || !reader.TryReadInt32(out var quantity) || quantity != bound.QuantityIndex
                || !reader.TryReadByte(out var phase) || phase > (byte)DeviceRuleState.Phase.Raised
                || !reader.TryReadInt64(out var pendingSince)
                || !reader.TryReadBoolean(out var hasLast)
                || !reader.TryReadInt64(out var lastMs)
                || !reader.TryReadDouble(out var lastValue)
                || !reader.TryReadInt64(out var bandMs)
                || !reader.TryReadDouble(out var bandLow)
                || !reader.TryReadDouble(out var bandHigh)
                || !reader.TryReadDouble(out var bandObserved)
                || !reader.TryReadDouble(out var bandLikelihood)
                || !TryReadBytes(ref reader, out parts[i]))
            {
                return false;
            }

            restored[i] = bound;
            restored[i].Phase = (DeviceRuleState.Phase)phase;
            restored[i].PendingSinceMs = pendingSince;
            restored[i].HasLast = hasLast;
            restored[i].LastMs = lastMs;
            restored[i].LastValue = lastValue;
            (restored[i].BandMs, restored[i].BandLow, restored[i].BandHigh, restored[i].BandObserved, restored[i].BandLikelihood) =
                (bandMs, bandLow, bandHigh, bandObserved, bandLikelihood);
        }

        if (!reader.IsAtEnd)
        {
            return false;
        }

        // Detectors last: each refuses bytes shaped for other options, and one refusal puts the earlier ones back.
        var undo = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            ref readonly var b = ref state.Bindings[i];
            undo[i] = SaveDetector(b);
            if (!LoadDetector(b, parts[i]))
            {
                for (var j = 0; j < i; j++)
                {
                    LoadDetector(state.Bindings[j], undo[j]);
                }

                return false;
            }
        }

        restored.CopyTo(state.Bindings, 0);
        state.LastSeenMs = lastSeen;
        return true;
    }

    private static byte[] SaveDetector(in DeviceRuleState.Binding b)
    {
        var buffer = new ArrayBufferWriter<byte>();
        b.Detector?.WriteState(buffer);
        b.Flatline?.WriteState(buffer);
        b.Delivery?.WriteState(buffer);
        b.MessageRate?.WriteState(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    private static bool LoadDetector(in DeviceRuleState.Binding b, byte[] bytes)
    {
        if (b.Detector is { } detector)
        {
            return detector.TryReadState(bytes);
        }

        if (b.Flatline is { } flatline)
        {
            return flatline.TryReadState(bytes);
        }

        if (b.Delivery is { } delivery)
        {
            return delivery.TryReadState(bytes);
        }

        return b.MessageRate is { } rate ? rate.TryReadState(bytes) : bytes.Length == 0;
    }

    private static bool TryReadBytes(ref StateReader reader, out byte[] bytes)
    {
        // The length prefix is read twice: once from a copy to size the array, then for real.
        var peek = reader;
        if (!peek.TryReadInt32(out var length) || length < 0)
        {
            bytes = [];
            return false;
        }

        bytes = new byte[length];
        return reader.TryReadBytes(bytes);
    }
}
