namespace Vigil.Alerting.Outbreak;

/// <summary>Settings of the EARS detectors; the defaults are those of R surveillance::earsC.</summary>
public sealed record EarsOptions
{
    /// <summary>Number of periods in the baseline (at least 3).</summary>
    public int Baseline { get; init; } = 7;

    /// <summary>False-alarm probability; null takes 0.001 for C1 and C2 and 0.025 for C3.</summary>
    public double? Alpha { get; init; }

    /// <summary>Lower limit of the baseline standard deviation, which keeps flat baselines from alarming on any count.</summary>
    public double MinSigma { get; init; }

    public double AlphaFor(EarsMethod method) => Alpha ?? (method == EarsMethod.C3 ? 0.025 : 0.001);
}
