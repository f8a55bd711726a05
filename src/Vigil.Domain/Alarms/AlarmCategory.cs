namespace Vigil.Domain.Alarms;

/// <summary>
/// Whom an alarm is for. Only emergencies open incidents: a stuck or offline sensor is a maintenance matter,
/// and a security signal goes to the security team.
/// </summary>
public enum AlarmCategory
{
    Emergency = 1,
    DeviceFault = 2,
    Security = 3,
}
