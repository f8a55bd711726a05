namespace Vigil.Anomaly.Nab;

/// <summary>A data file to score, keyed like the label files (path relative to the data folder, '/' separators).</summary>
public sealed record NabInputFile(string Key, NabSeries Series);
