namespace Vigil.Anomaly.Nab;

/// <summary>One labelled anomaly window; both ends inclusive, UTC ticks.</summary>
public readonly record struct NabWindow(long StartTicks, long EndTicks);
