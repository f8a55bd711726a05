using Vigil.Domain.Geo;

namespace Vigil.Domain.Alarms;

/// <summary>
/// A condition raised on a source: a device's rule (<see cref="DeviceId"/>), or an outbreak detection method on a
/// health-count series (<see cref="Outbreak"/>, with no device). Active → Acknowledged → Cleared; Active may also clear
/// directly.
/// </summary>
public sealed class Alarm
{
    public required long Id { get; init; }

    public required string RuleId { get; init; }

    /// <summary>The device whose rule raised the alarm; null for an alarm raised on a count series.</summary>
    public required string? DeviceId { get; init; }

    public required string Quantity { get; init; }

    public required AlarmCategory Category { get; init; }

    public required Severity Severity { get; set; }

    public AlarmState State { get; set; } = AlarmState.Active;

    public required GeoPoint Location { get; init; }

    public required AlarmExplanation Explanation { get; set; }

    /// <summary>The incident type this alarm suggests (e.g. "fire", "flood"), or null for alarms that open no incident.</summary>
    public string? IncidentType { get; init; }

    public long? IncidentId { get; set; }

    /// <summary>For alarms raised by a camera's behaviour rules: what the camera saw. Null for sensor rules.</summary>
    public CameraEvidence? Camera { get; init; }

    /// <summary>For alarms raised on a health-count series: the series, period, count and bound. Null for device alarms.</summary>
    public OutbreakEvidence? Outbreak { get; init; }

    /// <summary>
    /// What makes the alarm unique beyond its id, for sources that must alarm at most once per key (an outbreak's
    /// series and period); null for device alarms, which are kept one-open-per-rule by the operations desk instead.
    /// </summary>
    public string? SourceKey => Outbreak?.SourceKey();

    public required DateTimeOffset RaisedAt { get; init; }

    public DateTimeOffset? AcknowledgedAt { get; set; }

    public string? AcknowledgedBy { get; set; }

    public DateTimeOffset? ClearedAt { get; set; }

    public int Escalations { get; set; }

    public DateTimeOffset? LastEscalatedAt { get; set; }

    public bool IsOpen => State != AlarmState.Cleared;

    public DomainError? Acknowledge(string user, DateTimeOffset at)
    {
        if (State != AlarmState.Active)
        {
            return DomainError.InvalidTransition("Alarm", State, AlarmState.Acknowledged);
        }

        State = AlarmState.Acknowledged;
        AcknowledgedAt = at;
        AcknowledgedBy = user;
        return null;
    }

    public DomainError? Clear(DateTimeOffset at)
    {
        if (State == AlarmState.Cleared)
        {
            return DomainError.InvalidTransition("Alarm", State, AlarmState.Cleared);
        }

        State = AlarmState.Cleared;
        ClearedAt = at;
        return null;
    }

    /// <summary>Raises severity one step (capped at Critical) because nobody acknowledged the alarm in time.</summary>
    public DomainError? Escalate(DateTimeOffset at)
    {
        if (State != AlarmState.Active)
        {
            return new DomainError("not_active", "Only an active, unacknowledged alarm escalates.");
        }

        if (Severity < Severity.Critical)
        {
            Severity++;
        }

        Escalations++;
        LastEscalatedAt = at;
        return null;
    }
}
