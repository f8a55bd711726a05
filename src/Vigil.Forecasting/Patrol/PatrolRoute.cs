namespace Vigil.Forecasting.Patrol;

/// <summary>One unit's closed tour, in visiting order, with its straight-line length and the value it covers.</summary>
public sealed record PatrolRoute(int Unit, IReadOnlyList<PatrolSite> Sites, double StraightLineLength, double Value);
