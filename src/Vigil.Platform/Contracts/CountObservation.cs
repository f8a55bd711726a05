namespace Vigil.Platform.Contracts;

/// <summary>
/// One count of a surveillance series: e.g. emergency-department visits for a syndrome in a district on one day, or in
/// the week starting on <paramref name="Start"/>.
/// </summary>
public sealed record CountObservation(string Syndrome, string District, CountPeriod Period, DateOnly Start, int Count);
