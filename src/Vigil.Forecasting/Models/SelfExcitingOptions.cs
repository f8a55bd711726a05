namespace Vigil.Forecasting.Models;

/// <summary>
/// Settings of the self-exciting (ETAS/Hawkes) model. Lengths are in the grid's unit, times in days.
/// The two cut-offs make the EM linear in the number of events: a pair (parent j, child i) is considered only when
/// 0 &lt; t_i - t_j &lt;= <see cref="TimeCutoffDays"/> and |x_i - x_j| &lt;= <see cref="DistanceCutoff"/>, and a child keeps
/// at most <see cref="MaxParentsPerEvent"/> (the most recent) candidate parents. The triggering kernel is thereby
/// truncated; with cut-offs of several decay times and several sigmas the truncated mass is small.
/// </summary>
public sealed record SelfExcitingOptions
{
    /// <summary>Bandwidth of the background (stationary) density, a Gaussian KDE of declustered events.</summary>
    public required double BackgroundBandwidth { get; init; }

    /// <summary>Starting spatial spread sigma of the triggering kernel.</summary>
    public required double InitialTriggerSigma { get; init; }

    /// <summary>Lower bound on sigma, so that repeat incidents at one address cannot collapse the kernel to a point.</summary>
    public required double MinTriggerSigma { get; init; }

    public required double DistanceCutoff { get; init; }

    public double TimeCutoffDays { get; init; } = 90;

    /// <summary>Starting decay rate omega (per day); 1/omega is the mean delay of a triggered incident.</summary>
    public double InitialDecayPerDay { get; init; } = 1.0 / 14;

    /// <summary>Starting branching ratio theta (expected incidents triggered by one incident).</summary>
    public double InitialBranching { get; init; } = 0.2;

    public int MaxParentsPerEvent { get; init; } = 256;

    public int MaxIterations { get; init; } = 60;

    /// <summary>EM stops when theta, omega and sigma all change by less than this fraction.</summary>
    public double Tolerance { get; init; } = 1e-4;

    /// <summary>Only incidents this recent train the model; null for all history.</summary>
    public double? TrainingWindowDays { get; init; }

    /// <summary>In rolling backtests, parameters are refitted when the origin has moved this far; 0 refits at every origin.</summary>
    public double RefitEveryDays { get; init; }

    /// <summary>Share of background mass spread uniformly over the city, so no place has zero background rate.</summary>
    public double BackgroundFloor { get; init; } = 0.01;
}
