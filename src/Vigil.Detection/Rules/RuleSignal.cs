namespace Vigil.Detection.Rules;

/// <summary>A rule changed its mind about a device: raise or clear. <see cref="Value"/> is what was seen.</summary>
public readonly record struct RuleSignal(
    RuleSignalKind Kind,
    int RuleIndex,
    int DeviceOrdinal,
    int QuantityIndex,
    long TimestampMs,
    double Value);
