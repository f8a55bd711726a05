namespace Vigil.Forecasting.Patrol;

/// <summary>
/// Tours for K units within a time budget, which sites were left out and why, and the travel model the times came
/// from (<see cref="TravelMatrix.Road"/>, or <see cref="TravelMatrix.StraightLine"/> as a labelled fallback).
/// </summary>
public sealed record PatrolPlan(
    IReadOnlyList<PatrolRoute> Routes,
    IReadOnlyList<LeftOutSite> LeftOut,
    string TravelModel,
    double Budget,
    double CoveredValue,
    double CandidateValue)
{
    public double CoveredShare => CandidateValue > 0 ? CoveredValue / CandidateValue : 0;
}
