namespace Vigil.Forecasting.Patrol;

/// <summary>
/// Routes for K units. Distances are STRAIGHT-LINE (Euclidean) in the grid's unit, not road travel: a route that fits
/// the budget here may not fit it on the street network. <see cref="DistanceModel"/> says so wherever the plan is shown.
/// </summary>
public sealed record PatrolPlan(IReadOnlyList<PatrolRoute> Routes, double TravelBudget, double CoveredValue, double CandidateValue)
{
    public const string StraightLine = "straight-line distance (not road network)";

    public string DistanceModel => StraightLine;

    public double CoveredShare => CandidateValue > 0 ? CoveredValue / CandidateValue : 0;
}
