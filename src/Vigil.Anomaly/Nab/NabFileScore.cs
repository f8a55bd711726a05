namespace Vigil.Anomaly.Nab;

/// <summary>One file's raw NAB score at a threshold, with the counts behind it.</summary>
/// <param name="Raw">Sum of weighted true positives, false positives and missed windows.</param>
/// <param name="DetectedWindows">Windows with at least one detection.</param>
/// <param name="MissedWindows">Windows with none.</param>
/// <param name="FalsePositives">Detections outside every window.</param>
public readonly record struct NabFileScore(double Raw, int DetectedWindows, int MissedWindows, int FalsePositives);
