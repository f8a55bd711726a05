namespace Vigil.Domain.Alarms;

/// <summary>
/// Whom an alarm is for. Only emergencies open incidents: a stuck or offline sensor is a maintenance matter,
/// a security signal goes to the security team, and an outbreak signal in health counts goes to the analysts.
/// Values are persisted: never renumber.
/// </summary>
public enum AlarmCategory
{
    Emergency = 1,
    DeviceFault = 2,
    Security = 3,
    PublicHealth = 4,
}
