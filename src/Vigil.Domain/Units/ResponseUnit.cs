using Vigil.Domain.Geo;

namespace Vigil.Domain.Units;

/// <summary>A police car, fire engine, ambulance or security patrol.</summary>
public sealed class ResponseUnit
{
    public required string Id { get; init; }

    public required string CallSign { get; init; }

    public required string AgencyId { get; init; }

    public required UnitKind Kind { get; init; }

    public UnitStatus Status { get; set; } = UnitStatus.Available;

    public required GeoPoint Location { get; set; }

    public required GeoPoint Station { get; init; }

    public long? IncidentId { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// A unit can be sent only when available or returning; out-of-service units must come back into service first.
    /// </summary>
    public DomainError? DispatchTo(long incidentId, DateTimeOffset at)
    {
        if (Status is not (UnitStatus.Available or UnitStatus.Returning))
        {
            return new DomainError("unit_unavailable", $"Unit {CallSign} is {Status} and cannot be dispatched.");
        }

        Status = UnitStatus.Dispatched;
        IncidentId = incidentId;
        UpdatedAt = at;
        return null;
    }

    public DomainError? SetStatus(UnitStatus status, DateTimeOffset at)
    {
        if (status is UnitStatus.Dispatched or UnitStatus.EnRoute or UnitStatus.OnScene && IncidentId is null && Status != status)
        {
            return new DomainError("no_incident", $"Unit {CallSign} has no incident; dispatch it to one first.");
        }

        Status = status;
        if (status is UnitStatus.Available or UnitStatus.OutOfService)
        {
            IncidentId = null;
        }

        UpdatedAt = at;
        return null;
    }
}
