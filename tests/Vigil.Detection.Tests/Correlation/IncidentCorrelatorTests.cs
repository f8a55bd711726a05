using Vigil.Detection.Correlation;
using Vigil.Domain.Alarms;
using Vigil.Domain.Geo;

namespace Vigil.Detection.Tests.Correlation;

public sealed class IncidentCorrelatorTests
{
    private static readonly GeoPoint Centre = new(45.5152, -122.6784);
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static readonly IncidentCorrelator Correlator = new(new CorrelationOptions
    {
        RadiusMetres = 1000,
        Window = TimeSpan.FromMinutes(20),
        RelatedTypes = [["fire", "power-fault"], ["gunshot", "crowd-running", "panic"]],
    });

    private static Alarm AlarmAt(GeoPoint location, string? incidentType = "fire") => new()
    {
        Id = 1,
        RuleId = "smoke-detected",
        DeviceId = "aq-1",
        Quantity = "pm25",
        Category = AlarmCategory.Emergency,
        Severity = Severity.Critical,
        Location = location,
        Explanation = new AlarmExplanation("pm25 below 250", "pm25 410"),
        IncidentType = incidentType,
        RaisedAt = Now,
    };

    [Fact]
    public void Same_type_within_radius_and_window_joins_the_incident()
    {
        var candidates = new[] { new CorrelationCandidate(10, "fire", Centre.Offset(600, 600), Now.AddMinutes(-19)) };

        Assert.Equal(10, Correlator.FindIncident(AlarmAt(Centre), candidates));
    }

    [Fact]
    public void Same_type_beyond_the_radius_opens_a_new_incident()
    {
        var candidates = new[] { new CorrelationCandidate(10, "fire", Centre.Offset(1100, 0), Now) };

        Assert.Null(Correlator.FindIncident(AlarmAt(Centre), candidates));
    }

    [Fact]
    public void Incident_quiet_for_longer_than_the_window_is_not_joined()
    {
        var candidates = new[] { new CorrelationCandidate(10, "fire", Centre, Now.AddMinutes(-20).AddSeconds(-1)) };

        Assert.Null(Correlator.FindIncident(AlarmAt(Centre), candidates));
    }

    [Fact]
    public void Related_type_joins_and_unrelated_type_does_not()
    {
        var fire = new CorrelationCandidate(10, "fire", Centre.Offset(100, 0), Now);
        var flood = new CorrelationCandidate(11, "flood", Centre.Offset(50, 0), Now);

        Assert.Equal(10, Correlator.FindIncident(AlarmAt(Centre, "power-fault"), [flood, fire]));
        Assert.Null(Correlator.FindIncident(AlarmAt(Centre, "gunshot"), [flood, fire]));
        Assert.True(Correlator.AreRelated("panic", "gunshot"));
        Assert.False(Correlator.AreRelated("panic", "fire"));
    }

    [Fact]
    public void Nearest_matching_incident_wins()
    {
        var far = new CorrelationCandidate(10, "fire", Centre.Offset(900, 0), Now);
        var near = new CorrelationCandidate(11, "fire", Centre.Offset(0, 200), Now);
        var nearest = new CorrelationCandidate(12, "flood", Centre, Now);

        Assert.Equal(11, Correlator.FindIncident(AlarmAt(Centre), [far, nearest, near]));
    }

    [Fact]
    public void Alarm_that_suggests_no_incident_never_joins() =>
        Assert.Null(Correlator.FindIncident(AlarmAt(Centre, incidentType: null), [new CorrelationCandidate(10, "fire", Centre, Now)]));

    [Theory]
    [InlineData(Severity.Critical, 1)]
    [InlineData(Severity.Major, 2)]
    [InlineData(Severity.Minor, 3)]
    [InlineData(Severity.Info, 4)]
    public void Priority_follows_severity(Severity severity, int priority) => Assert.Equal(priority, IncidentCorrelator.PriorityFor(severity));
}
