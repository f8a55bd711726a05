using Vigil.Anomaly.Security;
using Vigil.Domain.Geo;

namespace Vigil.Detection.Rules;

/// <summary>
/// Device-compromise rules fed by requests rather than readings: failed authentications, the network origins a key
/// is used from, and the location a device reports. All raise security alarms.
/// </summary>
public sealed partial class RuleBook
{
    /// <summary>A request claiming to be this device failed to authenticate at <paramref name="nowMs"/>.</summary>
    public void ObserveAuthFailure(DeviceRuleState state, long nowMs, List<RuleSignal> signals)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(signals);
        foreach (var r in state.RequestBindings)
        {
            ref var b = ref state.Bindings[r];
            if (b.AuthFailures is not { } failures)
            {
                continue;
            }

            b.LastMs = nowMs;
            if (failures.RecordFailure(ToTicks(nowMs)) && b.Phase != DeviceRuleState.Phase.Raised)
            {
                var rule = _rules[b.RuleIndex];
                b.Phase = DeviceRuleState.Phase.Raised;
                signals.Add(new RuleSignal(RuleSignalKind.Raise, b.RuleIndex, state.DeviceOrdinal, -1, nowMs, rule.Failures, 0, rule.Failures - 1));
            }
        }
    }

    /// <summary>
    /// The device authenticated a request from <paramref name="originHash"/> (a hash of its network address) at
    /// <paramref name="nowMs"/>, reporting itself at <paramref name="reportedLocation"/> when the request said where it was.
    /// An origin of 0 means unknown and is not counted.
    /// </summary>
    public void ObserveRequest(DeviceRuleState state, long nowMs, ulong originHash, GeoPoint? reportedLocation, List<RuleSignal> signals)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(signals);
        foreach (var r in state.RequestBindings)
        {
            ref var b = ref state.Bindings[r];
            var rule = _rules[b.RuleIndex];
            switch (rule.Type)
            {
                case RuleType.AuthFailureBurst:
                    // The burst is over once a whole window passes without another failure.
                    if (b.Phase == DeviceRuleState.Phase.Raised && nowMs - b.LastMs > (long)rule.Window.TotalMilliseconds)
                    {
                        b.Phase = DeviceRuleState.Phase.Normal;
                        signals.Add(new RuleSignal(RuleSignalKind.Clear, b.RuleIndex, state.DeviceOrdinal, -1, nowMs, 0, 0, rule.Failures - 1));
                    }

                    break;
                case RuleType.KeySpread when originHash != 0:
                    var spread = b.Origins!.Record(ToTicks(nowMs), originHash);
                    if (spread && b.Phase != DeviceRuleState.Phase.Raised)
                    {
                        b.Phase = DeviceRuleState.Phase.Raised;
                        signals.Add(new RuleSignal(RuleSignalKind.Raise, b.RuleIndex, state.DeviceOrdinal, -1, nowMs, rule.MaxPlaces + 1, 0, rule.MaxPlaces));
                    }
                    else if (!spread && b.Phase == DeviceRuleState.Phase.Raised)
                    {
                        b.Phase = DeviceRuleState.Phase.Normal;
                        signals.Add(new RuleSignal(RuleSignalKind.Clear, b.RuleIndex, state.DeviceOrdinal, -1, nowMs, rule.MaxPlaces, 0, rule.MaxPlaces));
                    }

                    break;
                case RuleType.LocationDrift when reportedLocation is { } at:
                    var distance = b.Drift!.DistanceMetres(at.Lat, at.Lon);
                    var far = distance > b.Drift.MaxDistanceMetres;
                    if (far && b.Phase != DeviceRuleState.Phase.Raised)
                    {
                        b.Phase = DeviceRuleState.Phase.Raised;
                        signals.Add(new RuleSignal(RuleSignalKind.Raise, b.RuleIndex, state.DeviceOrdinal, -1, nowMs, distance, 0, b.Drift.MaxDistanceMetres));
                    }
                    else if (!far && b.Phase == DeviceRuleState.Phase.Raised)
                    {
                        b.Phase = DeviceRuleState.Phase.Normal;
                        signals.Add(new RuleSignal(RuleSignalKind.Clear, b.RuleIndex, state.DeviceOrdinal, -1, nowMs, distance, 0, b.Drift.MaxDistanceMetres));
                    }

                    break;
            }
        }
    }

    private static bool TryCreateRequestBinding(RuleDefinition rule, int ruleIndex, GeoPoint? location, out DeviceRuleState.Binding binding)
    {
        binding = new DeviceRuleState.Binding { RuleIndex = ruleIndex, QuantityIndex = -1 };
        switch (rule.Type)
        {
            case RuleType.AuthFailureBurst:
                binding.AuthFailures = new AuthFailureBurstDetector(rule.Failures, rule.Window);
                return true;
            case RuleType.KeySpread:
                binding.Origins = new KeyLocationSpreadDetector(rule.MaxPlaces, rule.Window);
                return true;
            case RuleType.LocationDrift when location is { } registered:
                binding.Drift = new LocationDriftDetector(registered.Lat, registered.Lon, rule.RadiusMetres);
                return true;
            default:
                // A drift rule for a device with no registered place has nothing to compare with.
                return false;
        }
    }
}
