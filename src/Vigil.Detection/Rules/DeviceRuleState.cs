using Vigil.Anomaly;
using Vigil.Anomaly.Health;
using Vigil.Anomaly.Security;
using Vigil.Detection.Neighbours;

namespace Vigil.Detection.Rules;

/// <summary>
/// The rule state of one device. It is owned by exactly one pipeline worker, so it needs no locks.
/// </summary>
public sealed class DeviceRuleState
{
    internal DeviceRuleState(
        int deviceOrdinal, Binding[] bindings, int[][] bindingsByQuantity, int[] silenceBindings, int[] messageBindings, int[] requestBindings, long startMs)
    {
        RequestBindings = requestBindings;
        DeviceOrdinal = deviceOrdinal;
        Bindings = bindings;
        BindingsByQuantity = bindingsByQuantity;
        SilenceBindings = silenceBindings;
        MessageBindings = messageBindings;
        LastSeenMs = startMs;
    }

    public int DeviceOrdinal { get; }

    /// <summary>Time of the newest observation, or of binding when none came yet (unix ms).</summary>
    public long LastSeenMs { get; internal set; }

    internal Binding[] Bindings { get; }

    internal int[][] BindingsByQuantity { get; }

    internal int[] SilenceBindings { get; }

    /// <summary>Device-level rules that see every reading (message-rate jumps, dropouts, late data).</summary>
    internal int[] MessageBindings { get; }

    /// <summary>Device-level rules that see requests rather than readings (failed authentications, origins, reported locations).</summary>
    internal int[] RequestBindings { get; }

    /// <summary>The index of nearby sensors, when the device is bound with one.</summary>
    internal NeighbourIndex? Neighbourhood { get; init; }

    /// <summary>This device as its neighbours see it.</summary>
    internal NeighbourSensor? Sensor { get; init; }

    /// <summary>True when any of this device's rules currently holds a raised alarm.</summary>
    public bool AnyRaised
    {
        get
        {
            foreach (ref readonly var b in Bindings.AsSpan())
            {
                if (b.Phase == Phase.Raised)
                {
                    return true;
                }
            }

            return false;
        }
    }

    internal enum Phase : byte
    {
        Normal = 0,
        Pending = 1,
        Raised = 2,
    }

    internal struct Binding
    {
        public int RuleIndex;
        public int QuantityIndex;
        public Phase Phase;
        public long PendingSinceMs;
        public bool HasLast;
        public long LastMs;
        public double LastValue;

        // Learned and health rules: the per-device-quantity detector this binding owns (null for the others).
        public IStreamingDetector? Detector;
        public FlatlineDetector? Flatline;
        public MessageRateJumpDetector? MessageRate;
        public DeliveryMonitor? Delivery;
        public AuthFailureBurstDetector? AuthFailures;
        public KeyLocationSpreadDetector? Origins;
        public LocationDriftDetector? Drift;

        // Neighbour disagreement: the consensus test and the neighbours found at index version NeighbourVersion.
        public NeighbourConsensus? Consensus;
        public NeighbourLink[]? Neighbours;
        public int NeighbourVersion;

        // Anomaly: the latest verdict, for the device chart's expected band.
        public long BandMs;
        public double BandLow;
        public double BandHigh;
        public double BandObserved;
        public double BandLikelihood;

        // Impossible value: the physical limits in force for this quantity.
        public double Low;
        public double High;
    }
}
