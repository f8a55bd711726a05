namespace Vigil.Forecasting.Patrol;

/// <summary>Why a site is in no tour. Values are shown to people by name; never renumber.</summary>
public enum LeftOutReason
{
    /// <summary>It fits a shift on its own, but every unit's time went to sites of higher priority or better value per minute.</summary>
    NoTimeLeft = 1,

    /// <summary>Even alone, going there from the nearest start, staying and coming back takes longer than the budget.</summary>
    OverBudget = 2,

    /// <summary>No route joins it to any unit's start (another road component, or a one-way trap).</summary>
    Unreachable = 3,
}
