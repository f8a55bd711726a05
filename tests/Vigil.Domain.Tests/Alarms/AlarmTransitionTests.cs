using Vigil.Domain.Alarms;
using Vigil.Domain.Geo;

namespace Vigil.Domain.Tests.Alarms;

public sealed class AlarmTransitionTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));

    private Alarm Raise(Severity severity = Severity.Major) => new()
    {
        Id = 1,
        RuleId = "flood-level",
        DeviceId = "fl-1",
        Quantity = "level_cm",
        Category = AlarmCategory.Emergency,
        Severity = severity,
        Location = new GeoPoint(45.5, -122.6),
        Explanation = new AlarmExplanation("level_cm below 80", "level_cm 92", 92, null, 80),
        IncidentType = "flood",
        RaisedAt = _time.GetUtcNow(),
    };

    [Fact]
    public void Active_alarm_is_acknowledged_then_cleared_at_the_clock_time()
    {
        var alarm = Raise();
        _time.Advance(TimeSpan.FromSeconds(40));

        Assert.Null(alarm.Acknowledge("operator1", _time.GetUtcNow()));
        Assert.Equal(AlarmState.Acknowledged, alarm.State);
        Assert.Equal(_time.GetUtcNow(), alarm.AcknowledgedAt);
        Assert.Equal("operator1", alarm.AcknowledgedBy);
        Assert.True(alarm.IsOpen);

        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Null(alarm.Clear(_time.GetUtcNow()));
        Assert.Equal(AlarmState.Cleared, alarm.State);
        Assert.Equal(_time.GetUtcNow(), alarm.ClearedAt);
        Assert.False(alarm.IsOpen);
    }

    [Fact]
    public void Active_alarm_may_clear_without_acknowledgement()
    {
        var alarm = Raise();

        Assert.Null(alarm.Clear(_time.GetUtcNow()));
        Assert.Equal(AlarmState.Cleared, alarm.State);
        Assert.Null(alarm.AcknowledgedAt);
    }

    [Fact]
    public void Acknowledging_twice_is_refused_and_keeps_the_first_acknowledgement()
    {
        var alarm = Raise();
        alarm.Acknowledge("operator1", _time.GetUtcNow());
        var first = alarm.AcknowledgedAt;
        _time.Advance(TimeSpan.FromMinutes(1));

        var error = alarm.Acknowledge("operator2", _time.GetUtcNow());

        Assert.Equal("invalid_transition", error?.Code);
        Assert.Contains("Acknowledged", error!.Message, StringComparison.Ordinal);
        Assert.Equal("operator1", alarm.AcknowledgedBy);
        Assert.Equal(first, alarm.AcknowledgedAt);
    }

    [Fact]
    public void Cleared_alarm_can_be_neither_acknowledged_nor_cleared_again()
    {
        var alarm = Raise();
        alarm.Clear(_time.GetUtcNow());
        var clearedAt = alarm.ClearedAt;
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal("invalid_transition", alarm.Acknowledge("operator1", _time.GetUtcNow())?.Code);
        Assert.Equal("invalid_transition", alarm.Clear(_time.GetUtcNow())?.Code);
        Assert.Equal(clearedAt, alarm.ClearedAt);
        Assert.Null(alarm.AcknowledgedBy);
    }

    [Fact]
    public void Escalation_raises_severity_one_step_and_stops_at_critical()
    {
        var alarm = Raise(Severity.Minor);

        for (var i = 1; i <= 3; i++)
        {
            _time.Advance(TimeSpan.FromMinutes(2));
            Assert.Null(alarm.Escalate(_time.GetUtcNow()));
            Assert.Equal(i, alarm.Escalations);
            Assert.Equal(_time.GetUtcNow(), alarm.LastEscalatedAt);
        }

        Assert.Equal(Severity.Critical, alarm.Severity);
    }

    [Fact]
    public void Acknowledged_alarm_does_not_escalate()
    {
        var alarm = Raise(Severity.Minor);
        alarm.Acknowledge("operator1", _time.GetUtcNow());

        Assert.Equal("not_active", alarm.Escalate(_time.GetUtcNow())?.Code);
        Assert.Equal(Severity.Minor, alarm.Severity);
        Assert.Equal(0, alarm.Escalations);
    }
}
