using Vigil.Domain.Geo;
using Vigil.Domain.Units;

namespace Vigil.Domain.Tests.Units;

public sealed class ResponseUnitTests
{
    private static readonly GeoPoint Station = new(45.5, -122.6);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));

    private static ResponseUnit Engine() => new()
    {
        Id = "E-12",
        CallSign = "Engine 12",
        AgencyId = "fire",
        Kind = UnitKind.Fire,
        Location = Station,
        Station = Station,
    };

    [Fact]
    public void Available_unit_is_dispatched_to_an_incident()
    {
        var unit = Engine();
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Null(unit.DispatchTo(42, _time.GetUtcNow()));
        Assert.Equal((UnitStatus.Dispatched, 42L, _time.GetUtcNow()), (unit.Status, unit.IncidentId, unit.UpdatedAt));
    }

    [Theory]
    [InlineData(UnitStatus.Dispatched)]
    [InlineData(UnitStatus.EnRoute)]
    [InlineData(UnitStatus.OnScene)]
    [InlineData(UnitStatus.OutOfService)]
    public void Busy_or_out_of_service_unit_cannot_be_dispatched(UnitStatus status)
    {
        var unit = Engine();
        unit.Status = status;
        unit.IncidentId = 7;

        var error = unit.DispatchTo(42, _time.GetUtcNow());

        Assert.Equal("unit_unavailable", error?.Code);
        Assert.Contains(status.ToString(), error!.Message, StringComparison.Ordinal);
        Assert.Equal(7, unit.IncidentId);
    }

    [Fact]
    public void Returning_unit_can_be_sent_again()
    {
        var unit = Engine();
        unit.DispatchTo(1, _time.GetUtcNow());
        unit.SetStatus(UnitStatus.Returning, _time.GetUtcNow());

        Assert.Null(unit.DispatchTo(2, _time.GetUtcNow()));
        Assert.Equal(2, unit.IncidentId);
    }

    [Theory]
    [InlineData(UnitStatus.Dispatched)]
    [InlineData(UnitStatus.EnRoute)]
    [InlineData(UnitStatus.OnScene)]
    public void Unit_without_an_incident_cannot_report_an_incident_status(UnitStatus status)
    {
        var unit = Engine();

        Assert.Equal("no_incident", unit.SetStatus(status, _time.GetUtcNow())?.Code);
        Assert.Equal(UnitStatus.Available, unit.Status);
    }

    [Fact]
    public void Becoming_available_releases_the_incident()
    {
        var unit = Engine();
        unit.DispatchTo(42, _time.GetUtcNow());
        Assert.Null(unit.SetStatus(UnitStatus.OnScene, _time.GetUtcNow()));
        _time.Advance(TimeSpan.FromMinutes(30));

        Assert.Null(unit.SetStatus(UnitStatus.Available, _time.GetUtcNow()));
        Assert.Null(unit.IncidentId);
        Assert.Equal(_time.GetUtcNow(), unit.UpdatedAt);
    }
}
