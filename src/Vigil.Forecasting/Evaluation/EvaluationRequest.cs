using Vigil.Forecasting.Models;

namespace Vigil.Forecasting.Evaluation;

/// <summary>
/// What to evaluate: categories, horizons and model families, scored from <see cref="FromDay"/> to <see cref="ToDay"/>.
/// Each family's settings are chosen on the <see cref="ValidationDays"/> before <see cref="FromDay"/>.
/// </summary>
public sealed record EvaluationRequest
{
    public required IReadOnlyList<string> Categories { get; init; }

    public required IReadOnlyList<double> HorizonsDays { get; init; }

    public required IReadOnlyList<ModelFamily> Models { get; init; }

    public required double FromDay { get; init; }

    public required double ToDay { get; init; }

    public double ValidationDays { get; init; } = 365;

    public double MetresPerUnit { get; init; } = 1;

    /// <summary>The flagged area whose cells the feedback-loop check and the disparity report follow (NIJ's largest).</summary>
    public AreaTarget WatchedArea { get; init; } = AreaTarget.Miles(0.75);
}
