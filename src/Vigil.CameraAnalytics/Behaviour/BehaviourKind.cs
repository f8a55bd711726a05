namespace Vigil.CameraAnalytics.Behaviour;

/// <summary>What a behaviour event reports. Values are persisted in alarms: never renumber them.</summary>
public enum BehaviourKind
{
    Intrusion = 1,
    Loitering = 2,
    AbandonedObject = 3,
    LineCrossing = 4,
    Crowd = 5,
    Running = 6,
    WrongWay = 7,
}
