using System.Globalization;
using Vigil.Detection.Rules;
using Vigil.Domain.Alarms;
using Vigil.Domain.Devices;

namespace Vigil.Platform.Operations;

/// <summary>Turns a rule and what was seen into words: what was expected, what was observed.</summary>
public static class AlarmExplainer
{
    /// <summary>
    /// Explains a raised rule. <paramref name="expectedLow"/>..<paramref name="expectedHigh"/> is the band the rule
    /// expected (a learned baseline, physical limits, a usual message rate), NaN where the rule has none.
    /// </summary>
    public static AlarmExplanation Explain(RuleDefinition rule, QuantitySpec? quantity, double value, double expectedLow = double.NaN, double expectedHigh = double.NaN)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var name = quantity?.Name ?? rule.Quantity ?? "data";
        var unit = quantity?.Unit ?? rule.Unit ?? string.Empty;
        var u = unit.Length > 0 ? " " + unit : string.Empty;
        switch (rule.Type)
        {
            case RuleType.Threshold:
                var above = rule.Direction == ThresholdDirection.Above;
                var duration = rule.MinDuration > TimeSpan.Zero ? $" for {Describe(rule.MinDuration)}" : string.Empty;
                return new AlarmExplanation(
                    $"{name} {(above ? "below" : "above")} {F(rule.RaiseAt)}{u} (clears once {(above ? "at or below" : "at or above")} {F(rule.ClearAt)}{u})",
                    $"{name} = {F(value)}{u}, {(above ? "at or above" : "at or below")} {F(rule.RaiseAt)}{u}{duration}",
                    value,
                    above ? null : rule.RaiseAt,
                    above ? rule.RaiseAt : null);
            case RuleType.RateOfChange:
                return new AlarmExplanation(
                    $"{name} changing by less than {F(rule.RaiseAt)}{u} per minute",
                    $"{name} reached {F(value)}{u}, changing by {F(rule.RaiseAt)}{u} per minute or more",
                    value);
            case RuleType.Anomaly:
            case RuleType.Flatline:
            case RuleType.ImpossibleValue:
            case RuleType.MessageRate:
            case RuleType.Dropout:
            case RuleType.LateData:
            case RuleType.NeighbourDisagreement:
            case RuleType.AuthFailureBurst:
            case RuleType.KeySpread:
            case RuleType.LocationDrift:
                return LearnedRuleExplainer.Explain(rule, name, u, value, expectedLow, expectedHigh);
            default:
                return new AlarmExplanation(
                    $"data at least every {Describe(rule.MaxSilence)}",
                    $"no data for {F(value)} s: device offline",
                    value);
        }
    }

    internal static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    internal static string Describe(TimeSpan span) =>
        span.TotalMinutes >= 1 ? $"{F(span.TotalMinutes)} min" : $"{F(span.TotalSeconds)} s";
}
