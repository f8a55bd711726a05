namespace Vigil.Domain.Incidents;

/// <summary>Incident lifecycle. Values are persisted: never renumber.</summary>
public enum IncidentStatus
{
    New = 1,
    Acknowledged = 2,
    Dispatched = 3,
    OnScene = 4,
    Resolved = 5,
    Closed = 6,
}
