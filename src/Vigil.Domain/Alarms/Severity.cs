namespace Vigil.Domain.Alarms;

/// <summary>How bad an alarm is, in ascending order. Values are persisted: never renumber.</summary>
public enum Severity
{
    Info = 1,
    Minor = 2,
    Major = 3,
    Critical = 4,
}
