using Vigil.Anomaly;
using Vigil.Anomaly.Detectors;
using Vigil.Anomaly.Health;
using Vigil.Anomaly.Security;
using Vigil.Domain.Devices;

namespace Vigil.Detection.Rules;

/// <summary>
/// The rules that carry a detector per device and quantity: learned anomalies, sensor health and message-rate jumps.
/// Detectors are created once when a device is bound, so that observing allocates nothing.
/// </summary>
public sealed partial class RuleBook
{
    private static readonly long UnixEpochTicks = DateTime.UnixEpoch.Ticks;

    // An operator must hear of a flood even if a blip raised (and cleared) an alarm minutes earlier.
    private static readonly AnomalyCombinerOptions AlertingCombiner = new() { BreakThroughMask = true };

    private static bool TryCreateBinding(RuleDefinition rule, int ruleIndex, int quantityIndex, QuantitySpec quantity, out DeviceRuleState.Binding binding)
    {
        binding = new DeviceRuleState.Binding { RuleIndex = ruleIndex, QuantityIndex = quantityIndex };
        switch (rule.Type)
        {
            case RuleType.Anomaly:
                if (!DetectorCatalog.TryCreate(rule.Detector, rule.LearningPoints, AlertingCombiner, out var detector))
                {
                    // Validate() checked the name when the book was built.
                    throw new InvalidOperationException($"rule '{rule.Id}': unknown detector '{rule.Detector}'");
                }

                binding.Detector = detector;
                return true;
            case RuleType.Flatline:
                binding.Flatline = new FlatlineDetector(new FlatlineOptions
                {
                    MinDuration = rule.MinDuration,
                    MinReadings = rule.MinReadings,
                    Tolerance = rule.Tolerance,
                });
                return true;
            case RuleType.NeighbourDisagreement:
                binding.Consensus = new NeighbourConsensus(new NeighbourOptions
                {
                    MinNeighbours = rule.MinNeighbours,
                    Threshold = rule.RaiseAt,
                    MinSpread = rule.MinSpread,
                });
                binding.NeighbourVersion = -1;
                return true;
            case RuleType.ImpossibleValue:
                if (rule.Min is null && rule.Max is null)
                {
                    // No limits in the rule: use the unit's; a unit without known limits leaves nothing to check.
                    if (!PhysicalRange.TryForUnit(quantity.Unit, out var range))
                    {
                        return false;
                    }

                    (binding.Low, binding.High) = (range.Min, range.Max);
                    return true;
                }

                binding.Low = rule.Min ?? double.NegativeInfinity;
                binding.High = rule.Max ?? double.PositiveInfinity;
                return true;
            default:
                return true;
        }
    }

    /// <summary>
    /// The band the first anomaly rule bound to this quantity expected at its latest observation; false while no
    /// anomaly rule watches the quantity or its detector is still learning.
    /// </summary>
    public bool TryGetExpectedBand(DeviceRuleState state, int quantityIndex, out ExpectedBand band)
    {
        ArgumentNullException.ThrowIfNull(state);
        band = default;
        if ((uint)quantityIndex >= (uint)state.BindingsByQuantity.Length)
        {
            return false;
        }

        foreach (var bindingIndex in state.BindingsByQuantity[quantityIndex])
        {
            ref readonly var b = ref state.Bindings[bindingIndex];
            if (b.Detector is not null && b.BandMs != 0)
            {
                band = new ExpectedBand(b.RuleIndex, b.BandMs, b.BandLow, b.BandHigh, b.BandObserved, b.BandLikelihood);
                return true;
            }
        }

        return false;
    }

    private static MessageRateJumpDetector CreateMessageRate(RuleDefinition rule) =>
        new(new MessageRateOptions
        {
            Bucket = rule.Window,
            Factor = rule.RaiseAt,
            MinCount = rule.MinMessages,
        });

    private static long ToTicks(long unixMs) => UnixEpochTicks + (unixMs * TimeSpan.TicksPerMillisecond);

    private static void ObserveAnomaly(RuleDefinition rule, ref DeviceRuleState.Binding b, int device, long ts, double value, List<RuleSignal> signals)
    {
        var result = b.Detector!.Observe(ToTicks(ts), value);
        if (result.HasBand)
        {
            (b.BandMs, b.BandLow, b.BandHigh, b.BandObserved, b.BandLikelihood) = (ts, result.ExpectedLow, result.ExpectedHigh, value, result.Likelihood);
        }

        if (b.Phase != DeviceRuleState.Phase.Raised)
        {
            // Both conditions: a surprise the detector is sure of, and a value the operator can see is outside the band.
            if (result.Likelihood >= rule.RaiseAt && result.IsOutsideBand)
            {
                b.Phase = DeviceRuleState.Phase.Raised;
                signals.Add(new RuleSignal(RuleSignalKind.Raise, b.RuleIndex, device, b.QuantityIndex, ts, value, result.ExpectedLow, result.ExpectedHigh));
            }
        }
        else if (result.HasBand && !result.IsOutsideBand && result.Likelihood <= rule.ClearAt)
        {
            b.Phase = DeviceRuleState.Phase.Normal;
            signals.Add(new RuleSignal(RuleSignalKind.Clear, b.RuleIndex, device, b.QuantityIndex, ts, value, result.ExpectedLow, result.ExpectedHigh));
        }
    }

    private static void ObserveFlatline(ref DeviceRuleState.Binding b, int device, long ts, double value, List<RuleSignal> signals)
    {
        var stuck = b.Flatline!.Observe(ToTicks(ts), value);
        if (stuck && b.Phase != DeviceRuleState.Phase.Raised)
        {
            b.Phase = DeviceRuleState.Phase.Raised;
            signals.Add(new RuleSignal(RuleSignalKind.Raise, b.RuleIndex, device, b.QuantityIndex, ts, value));
        }
        else if (!stuck && b.Phase == DeviceRuleState.Phase.Raised)
        {
            b.Phase = DeviceRuleState.Phase.Normal;
            signals.Add(new RuleSignal(RuleSignalKind.Clear, b.RuleIndex, device, b.QuantityIndex, ts, value));
        }
    }

    private static void ObserveImpossible(ref DeviceRuleState.Binding b, int device, long ts, double value, List<RuleSignal> signals)
    {
        var possible = value >= b.Low && value <= b.High;
        if (!possible && b.Phase != DeviceRuleState.Phase.Raised)
        {
            b.Phase = DeviceRuleState.Phase.Raised;
            signals.Add(new RuleSignal(RuleSignalKind.Raise, b.RuleIndex, device, b.QuantityIndex, ts, value, b.Low, b.High));
        }
        else if (possible && b.Phase == DeviceRuleState.Phase.Raised)
        {
            b.Phase = DeviceRuleState.Phase.Normal;
            signals.Add(new RuleSignal(RuleSignalKind.Clear, b.RuleIndex, device, b.QuantityIndex, ts, value, b.Low, b.High));
        }
    }

    private static void ObserveMessageRate(ref DeviceRuleState.Binding b, int device, long ts, List<RuleSignal> signals)
    {
        // Counted by observation time, so that a replay of the same data gives the same alarms.
        var rate = b.MessageRate!;
        if (rate.Record(ToTicks(ts)))
        {
            if (b.Phase != DeviceRuleState.Phase.Raised)
            {
                b.Phase = DeviceRuleState.Phase.Raised;
                signals.Add(new RuleSignal(RuleSignalKind.Raise, b.RuleIndex, device, -1, ts, rate.CurrentCount, 0, rate.Limit));
            }
        }
        else if (!rate.IsJumping && b.Phase == DeviceRuleState.Phase.Raised)
        {
            b.Phase = DeviceRuleState.Phase.Normal;
            signals.Add(new RuleSignal(RuleSignalKind.Clear, b.RuleIndex, device, -1, ts, rate.CurrentCount, 0, rate.Limit));
        }
    }
}
