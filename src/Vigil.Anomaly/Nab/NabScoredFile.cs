namespace Vigil.Anomaly.Nab;

/// <summary>A file's detector output beside its scoring layout.</summary>
public sealed record NabScoredFile(string Key, NabScoringLayout Layout, double[] Scores);
