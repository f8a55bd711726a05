namespace Vigil.Domain.Incidents;

/// <summary>
/// The allowed moves between incident statuses. Forward moves may skip steps (a unit can be on scene before anyone
/// pressed "dispatched"), an incident may be resolved from any open state, and a resolved incident may be reopened
/// to Acknowledged when it turns out not to be over. Closed is final.
/// </summary>
public static class IncidentLifecycle
{
    public static bool CanMove(IncidentStatus from, IncidentStatus to) => (from, to) switch
    {
        (IncidentStatus.Closed, _) => false,
        (_, IncidentStatus.New) => false,
        (IncidentStatus.Resolved, IncidentStatus.Acknowledged) => true,
        (IncidentStatus.Resolved, IncidentStatus.Closed) => true,
        (IncidentStatus.Resolved, _) => false,
        (_, IncidentStatus.Closed) => false,
        _ => to > from,
    };
}
