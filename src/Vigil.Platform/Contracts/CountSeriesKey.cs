namespace Vigil.Platform.Contracts;

/// <summary>One surveillance series: a syndrome in a district, counted per day or per week.</summary>
public sealed record CountSeriesKey(string Syndrome, string District, CountPeriod Period);
