using Vigil.Detection.Rules;
using Vigil.Domain.Alarms;
using static Vigil.Platform.Operations.AlarmExplainer;

namespace Vigil.Platform.Operations;

/// <summary>
/// Words for the rules that carry a detector: a learned anomaly says which band it expected and what it saw;
/// a sensor fault says it is the sensor, not the street; a compromise signal says what looks forged.
/// </summary>
internal static class LearnedRuleExplainer
{
    public static AlarmExplanation Explain(RuleDefinition rule, string name, string u, double value, double low, double high)
    {
        var hasBand = !double.IsNaN(low) && !double.IsNaN(high);
        double? bandLow = hasBand ? low : null;
        double? bandHigh = hasBand ? high : null;
        return rule.Type switch
        {
            RuleType.Anomaly => new AlarmExplanation(
                hasBand ? $"{name} between {F(low)} and {F(high)}{u} (learned baseline, detector '{rule.Detector}')" : $"{name} as learned by detector '{rule.Detector}'",
                $"{name} = {F(value)}{u}, {(hasBand && value > high ? "above" : "below")} the expected band (anomaly likelihood at least {F(rule.RaiseAt)})",
                value,
                bandLow,
                bandHigh),
            RuleType.Flatline => new AlarmExplanation(
                $"{name} varying by more than {F(rule.Tolerance)}{u} within {Describe(rule.MinDuration)}",
                $"{name} stuck at {F(value)}{u} for at least {Describe(rule.MinDuration)} and {rule.MinReadings} readings: sensor fault",
                value),
            RuleType.ImpossibleValue => new AlarmExplanation(
                $"{name} between {F(low)} and {F(high)}{u}, the physically possible range",
                $"{name} = {F(value)}{u} is physically impossible: sensor fault",
                value,
                bandLow,
                bandHigh),
            RuleType.Dropout => new AlarmExplanation(
                hasBand ? $"a reading about every {F(high)} s, the device's usual interval (a gap over {F(rule.GapFactor)} intervals is a dropout)" : "readings at the device's usual interval",
                $"no reading for {F(value)} s: dropout, sensor or link fault",
                value,
                bandLow,
                bandHigh),
            RuleType.LateData => new AlarmExplanation(
                $"readings received within {Describe(rule.MaxLateness)} of being taken",
                $"a reading received {F(value)} s after it was taken: late data, link or clock fault",
                value,
                bandLow,
                bandHigh),
            RuleType.NeighbourDisagreement => new AlarmExplanation(
                $"{name} between {F(low)} and {F(high)}{u}, as sensors within {F(rule.RadiusMetres)} m read it",
                $"{name} = {F(value)}{u}, far from its neighbours' median: sensor fault",
                value,
                bandLow,
                bandHigh),
            RuleType.AuthFailureBurst => new AlarmExplanation(
                $"fewer than {rule.Failures} failed authentications within {Describe(rule.Window)}",
                $"{F(value)} failed authentications within {Describe(rule.Window)}: someone may be guessing the device key",
                value,
                bandLow,
                bandHigh),
            RuleType.KeySpread => new AlarmExplanation(
                $"the device key used from at most {rule.MaxPlaces} network origins within {Describe(rule.Window)}",
                $"the device key used from {F(value)} network origins within {Describe(rule.Window)}: possible copied key",
                value,
                bandLow,
                bandHigh),
            RuleType.LocationDrift => new AlarmExplanation(
                $"the device within {F(rule.RadiusMetres)} m of where it was registered",
                $"the device reports a location {F(value)} m from where it was registered: possibly moved, stolen or spoofed",
                value,
                bandLow,
                bandHigh),
            _ => new AlarmExplanation(
                $"at most {F(rule.RaiseAt)} times the device's usual message rate (limit {F(high)} per {Describe(rule.Window)})",
                $"{F(value)} messages within {Describe(rule.Window)}: possible cloned or hijacked device key",
                value,
                bandLow,
                bandHigh),
        };
    }
}
