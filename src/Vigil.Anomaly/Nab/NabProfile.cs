namespace Vigil.Anomaly.Nab;

/// <summary>
/// An application profile: the weights of a true positive, a false positive and a missed window
/// (NAB <c>config/profiles.json</c>; the true-negative weight does not enter the score).
/// </summary>
public sealed record NabProfile(string Name, double TpWeight, double FpWeight, double FnWeight)
{
    /// <summary>The three profiles of NAB v1.1 <c>config/profiles.json</c>, for when no file is given.</summary>
    public static IReadOnlyList<NabProfile> Defaults { get; } =
    [
        new("standard", 1.0, 0.11, 1.0),
        new("reward_low_FP_rate", 1.0, 0.22, 1.0),
        new("reward_low_FN_rate", 1.0, 0.11, 2.0),
    ];
}
