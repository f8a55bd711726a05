namespace Vigil.Anomaly.Detectors;

/// <summary>Settings of <see cref="AnomalyCombiner"/>.</summary>
public sealed record AnomalyCombinerOptions
{
    /// <summary>
    /// Likelihood at which the combiner considers that it has raised an alarm. 0.985 is a combined tail
    /// probability of 1.5 %, the level at which the NAB threshold sweep settles for this combination.
    /// </summary>
    public double AlarmLikelihood { get; init; } = 0.985;

    /// <summary>
    /// Observations after an alarm during which further surprises are damped, so one event gives one alarm
    /// rather than a burst (20 points is under two hours of 5-minute data).
    /// </summary>
    public int MaskPoints { get; init; } = 20;

    /// <summary>Factor applied to the surprise (-log10 p) inside the mask; 0 silences it.</summary>
    public double MaskedWeight { get; init; }

    /// <summary>
    /// Lets a surprise stronger than the one that raised the alarm through the mask. Alerting wants it (a blip must not
    /// hide the flood behind it), and since the range-break part joined the default detector NAB scoring does too
    /// (67.3 against 65.9 standard without it, docs/benchmarks.md): a noise alarm just before an anomaly window no
    /// longer hides the record-breaking value inside it. On by default.
    /// </summary>
    public bool BreakThroughMask { get; init; } = true;

    /// <summary>
    /// Memory, in points, of the noise gate's alarm rate (an exponential decay of 1 / memory per point); 0 turns the
    /// gate off. 500 points is under two days of 5-minute data, short enough to follow a series that turns noisy.
    /// </summary>
    public int NoiseMemory { get; init; } = 500;

    /// <summary>
    /// Share of points that may reach the alarm level before the noise gate raises the bar: above it, the combined p
    /// is multiplied by rate / allowance. 0.2 % is one raw alarm every 500 points. The NAB subset scores 71.2
    /// standard with the gate against 67.3 without it, and every memory of 400 to 1,000 points with an allowance of
    /// 0.1 % to 0.3 % scores 69.4 to 71.4 (docs/benchmarks.md).
    /// </summary>
    public double NoiseAllowance { get; init; } = 0.002;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(AlarmLikelihood);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(AlarmLikelihood, 1.0);
        ArgumentOutOfRangeException.ThrowIfNegative(MaskPoints);
        ArgumentOutOfRangeException.ThrowIfNegative(MaskedWeight);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaskedWeight, 1.0);
        ArgumentOutOfRangeException.ThrowIfNegative(NoiseMemory);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(NoiseAllowance);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(NoiseAllowance, 1.0);
    }
}
