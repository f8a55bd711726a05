using Vigil.Domain.Geo;
using Vigil.Domain.Incidents;

namespace Vigil.Domain.Tests.Incidents;

public sealed class IncidentLifecycleTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));

    private Incident NewIncident() => new()
    {
        Id = 1,
        Type = "fire",
        Priority = 1,
        Location = new GeoPoint(45.5, -122.6),
        Title = "Fire at the depot",
        Source = "manual",
        CreatedAt = _time.GetUtcNow(),
    };

    [Fact]
    public void Full_chain_from_New_to_Closed_is_allowed_and_timestamped_by_the_clock()
    {
        var incident = NewIncident();
        IncidentStatus[] chain = [IncidentStatus.Acknowledged, IncidentStatus.Dispatched, IncidentStatus.OnScene, IncidentStatus.Resolved, IncidentStatus.Closed];

        foreach (var status in chain)
        {
            _time.Advance(TimeSpan.FromMinutes(3));
            Assert.Null(incident.MoveTo(status, "dispatcher1", _time.GetUtcNow()));
            Assert.Equal(status, incident.Status);
            Assert.Equal(_time.GetUtcNow(), incident.UpdatedAt);
        }

        Assert.Equal(5, incident.Timeline.Count);
        Assert.All(incident.Timeline, e => Assert.Equal("status", e.Kind));
        Assert.Equal("Acknowledged → Dispatched", incident.Timeline[1].Text);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 15, 0, TimeSpan.Zero), incident.Timeline[^1].At);
        Assert.Equal("dispatcher1", incident.Timeline[^1].Actor);
        Assert.False(incident.IsOpen);
    }

    [Theory]
    [InlineData(IncidentStatus.New, IncidentStatus.Closed)]
    [InlineData(IncidentStatus.Acknowledged, IncidentStatus.New)]
    [InlineData(IncidentStatus.OnScene, IncidentStatus.Dispatched)]
    [InlineData(IncidentStatus.Dispatched, IncidentStatus.Dispatched)]
    [InlineData(IncidentStatus.Resolved, IncidentStatus.OnScene)]
    [InlineData(IncidentStatus.Closed, IncidentStatus.Acknowledged)]
    [InlineData(IncidentStatus.Closed, IncidentStatus.Closed)]
    public void Invalid_move_is_refused_with_a_reason_and_changes_nothing(IncidentStatus from, IncidentStatus to)
    {
        var incident = NewIncident();
        incident.Status = from;

        var error = incident.MoveTo(to, "operator1", _time.GetUtcNow());

        Assert.NotNull(error);
        Assert.Equal("invalid_transition", error.Code);
        Assert.Contains(from.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains(to.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Equal(from, incident.Status);
        Assert.Empty(incident.Timeline);
    }

    [Theory]
    [InlineData(IncidentStatus.New, IncidentStatus.OnScene)]
    [InlineData(IncidentStatus.New, IncidentStatus.Resolved)]
    [InlineData(IncidentStatus.Dispatched, IncidentStatus.Resolved)]
    [InlineData(IncidentStatus.Resolved, IncidentStatus.Acknowledged)]
    public void Skipping_forward_resolving_early_and_reopening_are_allowed(IncidentStatus from, IncidentStatus to) =>
        Assert.True(IncidentLifecycle.CanMove(from, to));

    [Fact]
    public void Every_pair_of_statuses_follows_the_documented_rules()
    {
        foreach (var from in Enum.GetValues<IncidentStatus>())
        {
            foreach (var to in Enum.GetValues<IncidentStatus>())
            {
                var expected = from switch
                {
                    IncidentStatus.Closed => false,
                    IncidentStatus.Resolved => to is IncidentStatus.Acknowledged or IncidentStatus.Closed,
                    _ => to > from && to != IncidentStatus.Closed,
                };
                Assert.True(expected == IncidentLifecycle.CanMove(from, to), $"{from} → {to}: expected {(expected ? "allowed" : "refused")}");
            }
        }
    }

    [Fact]
    public void Reason_is_written_to_the_timeline()
    {
        var incident = NewIncident();

        incident.MoveTo(IncidentStatus.Resolved, "operator1", _time.GetUtcNow(), "false alarm: sensor was being cleaned");

        Assert.Equal("New → Resolved: false alarm: sensor was being cleaned", Assert.Single(incident.Timeline).Text);
    }

    [Fact]
    public void Notes_are_trimmed_refused_when_empty_and_refused_once_closed()
    {
        var incident = NewIncident();
        _time.Advance(TimeSpan.FromSeconds(90));

        Assert.Null(incident.AddNote("operator1", "  caller reports smoke  ", _time.GetUtcNow()));
        Assert.Equal("empty_note", incident.AddNote("operator1", "   ", _time.GetUtcNow())?.Code);
        var note = Assert.Single(incident.Timeline);
        Assert.Equal(("note", "caller reports smoke", _time.GetUtcNow()), (note.Kind, note.Text, note.At));

        incident.MoveTo(IncidentStatus.Resolved, "operator1", _time.GetUtcNow());
        Assert.Null(incident.AddNote("operator1", "after-action: all clear", _time.GetUtcNow()));
        incident.MoveTo(IncidentStatus.Closed, "operator1", _time.GetUtcNow());
        Assert.Equal("closed", incident.AddNote("operator1", "too late", _time.GetUtcNow())?.Code);
    }

    [Fact]
    public void Linking_the_same_alarm_twice_keeps_one_link()
    {
        var incident = NewIncident();

        incident.LinkAlarm(7, "smoke at aq-1", _time.GetUtcNow());
        incident.LinkAlarm(7, "smoke at aq-1", _time.GetUtcNow());
        incident.AssignUnit("E-12", "dispatcher1", _time.GetUtcNow());
        incident.AssignUnit("E-12", "dispatcher1", _time.GetUtcNow());

        Assert.Equal([7L], incident.AlarmIds);
        Assert.Equal(["E-12"], incident.UnitIds);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(5, true)]
    [InlineData(6, false)]
    public void Priority_is_one_to_five(int priority, bool valid) => Assert.Equal(valid, Incident.IsValidPriority(priority));
}
