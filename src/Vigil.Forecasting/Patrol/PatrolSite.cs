namespace Vigil.Forecasting.Patrol;

/// <summary>A place worth visiting: a forecast cell's centre and its forecast value, or a guard-tour checkpoint.</summary>
public readonly record struct PatrolSite(double X, double Y, double Value, int Cell);
