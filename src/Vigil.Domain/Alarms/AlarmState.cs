namespace Vigil.Domain.Alarms;

/// <summary>Alarm lifecycle. Values are persisted: never renumber.</summary>
public enum AlarmState
{
    Active = 1,
    Acknowledged = 2,
    Cleared = 3,
}
