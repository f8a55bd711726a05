namespace Vigil.Platform.Contracts;

/// <summary>
/// One live-feed event. Exactly one of the payloads is set, according to <see cref="Type"/>
/// ("alarm.raised", "alarm.acknowledged", "alarm.cleared", "alarm.escalated", "incident.created",
/// "incident.updated", "unit.updated", "hospital.updated").
/// </summary>
public sealed record FeedEnvelope(string Type, DateTimeOffset At, AlarmView? Alarm = null, IncidentView? Incident = null, UnitView? Unit = null,
    Vigil.Platform.Hospitals.HospitalView? Hospital = null);
