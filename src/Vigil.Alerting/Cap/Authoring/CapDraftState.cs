namespace Vigil.Alerting.Cap.Authoring;

public enum CapDraftState
{
    /// <summary>Prepared by a dispatcher (or proposed by a monitor) and waiting for a supervisor.</summary>
    Pending,

    Issued,

    Rejected,
}
