namespace Vigil.Forecasting.Patrol;

/// <summary>
/// One unit's closed tour. <c>Order</c> holds the indices of its sites in the planner's input, in visiting order; the
/// tour leaves <c>Start</c> (a matrix index, or -1 for a loop with no base), visits them and returns. Times are in the
/// travel matrix's unit: <c>Travel</c> on the move, <c>Dwell</c> at the sites.
/// </summary>
public sealed record PatrolRoute(int Unit, int Start, IReadOnlyList<int> Order, IReadOnlyList<PatrolSite> Sites, double Travel, double Dwell, double Value)
{
    /// <summary>The whole tour: travel plus time spent at the sites; never more than the plan's budget.</summary>
    public double Duration => Travel + Dwell;
}
