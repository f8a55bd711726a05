namespace Vigil.Detection.Rules;

/// <summary>
/// A rule changed its mind about a device: raise or clear. <see cref="Value"/> is what was seen; rules that know the
/// expected band (learned baselines, physical limits) give it in <see cref="ExpectedLow"/>..<see cref="ExpectedHigh"/>,
/// NaN otherwise.
/// </summary>
public readonly record struct RuleSignal(
    RuleSignalKind Kind,
    int RuleIndex,
    int DeviceOrdinal,
    int QuantityIndex,
    long TimestampMs,
    double Value,
    double ExpectedLow = double.NaN,
    double ExpectedHigh = double.NaN);
