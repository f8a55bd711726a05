using Vigil.CameraAnalytics.Behaviour;
using Vigil.Domain.Alarms;

namespace Vigil.Platform.Cameras;

/// <summary>
/// What each behaviour means for the operations desk. Running and crowding open (or join) a "crowd-running" incident,
/// which correlation relates to gunshots and panic alarms nearby; an abandoned object is a suspicious-object emergency;
/// intrusion, loitering and wrong-way movement go to security staff without an incident. Line crossings are counts,
/// not alarms.
/// </summary>
public static class CameraAlarmPolicy
{
    public const string CrowdRunning = "crowd-running";
    public const string SuspiciousObject = "suspicious-object";

    /// <summary>False for behaviours that are only counted.</summary>
    public static bool TryClassify(BehaviourKind kind, out AlarmCategory category, out Severity severity, out string? incidentType)
    {
        (var raises, category, severity, incidentType) = kind switch
        {
            BehaviourKind.Running => (true, AlarmCategory.Emergency, Severity.Major, CrowdRunning),
            BehaviourKind.Crowd => (true, AlarmCategory.Emergency, Severity.Major, CrowdRunning),
            BehaviourKind.AbandonedObject => (true, AlarmCategory.Emergency, Severity.Major, SuspiciousObject),
            BehaviourKind.Intrusion => (true, AlarmCategory.Security, Severity.Major, (string?)null),
            BehaviourKind.Loitering => (true, AlarmCategory.Security, Severity.Minor, null),
            BehaviourKind.WrongWay => (true, AlarmCategory.Security, Severity.Minor, null),
            _ => (false, AlarmCategory.Security, Severity.Info, null),
        };
        return raises;
    }
}
