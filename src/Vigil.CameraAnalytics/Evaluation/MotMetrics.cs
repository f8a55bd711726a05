namespace Vigil.CameraAnalytics.Evaluation;

/// <summary>
/// CLEAR MOT (Bernardin and Stiefelhagen 2008) and identity metrics (Ristani et al. 2016) for one sequence.
/// Ratios are fractions in [0, 1] (MOTA may be negative). <see cref="Motp"/> is the mean IoU of matched pairs, as the
/// MOTChallenge devkit reports it (higher is better); some tools report 1 - MOTP instead.
/// </summary>
public sealed record MotMetrics
{
    public int Frames { get; init; }

    public int GroundTruthBoxes { get; init; }

    public int HypothesisBoxes { get; init; }

    public int GroundTruthTracks { get; init; }

    public int HypothesisTracks { get; init; }

    public int Matches { get; init; }

    public int FalsePositives { get; init; }

    public int FalseNegatives { get; init; }

    public int IdSwitches { get; init; }

    public int Fragmentations { get; init; }

    public int MostlyTracked { get; init; }

    public int PartiallyTracked { get; init; }

    public int MostlyLost { get; init; }

    public int IdTruePositives { get; init; }

    public int IdFalsePositives { get; init; }

    public int IdFalseNegatives { get; init; }

    public double Mota { get; init; }

    public double Motp { get; init; }

    /// <summary>MOTA with log10-damped ID switches, as the MOTChallenge devkit reports it.</summary>
    public double Motal { get; init; }

    public double Recall { get; init; }

    public double Precision { get; init; }

    public double Idp { get; init; }

    public double Idr { get; init; }

    public double Idf1 { get; init; }
}
