namespace Vigil.Domain.Units;

/// <summary>Where a unit is in its duty cycle. Values are persisted: never renumber.</summary>
public enum UnitStatus
{
    Available = 1,
    Dispatched = 2,
    EnRoute = 3,
    OnScene = 4,
    Returning = 5,
    OutOfService = 6,
}
