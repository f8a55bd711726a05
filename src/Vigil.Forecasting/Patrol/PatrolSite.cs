namespace Vigil.Forecasting.Patrol;

/// <summary>
/// A place worth visiting: a forecast cell's centre and its forecast value, or a guard-tour checkpoint. <c>Dwell</c> is
/// the time spent there, in the travel matrix's unit; sites of a higher <c>Priority</c> are planned before any of a
/// lower one.
/// </summary>
public readonly record struct PatrolSite(double X, double Y, double Value, int Cell, double Dwell = 0, int Priority = 0);
