using Vigil.Domain.Alarms;
using Vigil.Domain.Devices;
using Vigil.Domain.Incidents;
using Vigil.Domain.Units;

namespace Vigil.Platform.Contracts;

// The shapes of Vigil's entities as the API returns them and as storage keeps them (one JSON document each), so that
// both adapters and every client agree on one format. Property names are stable: they are persisted.

public sealed record GeoView(double Lat, double Lon);

public sealed record DeviceView(
    string Id,
    string Name,
    DeviceKind Kind,
    GeoView Location,
    string AgencyId,
    IReadOnlyList<QuantitySpec> Quantities,
    DateTimeOffset RegisteredAt);

public sealed record AlarmView(
    long Id,
    string RuleId,
    string? DeviceId,
    string Quantity,
    AlarmCategory Category,
    Severity Severity,
    AlarmState State,
    GeoView Location,
    AlarmExplanation Explanation,
    string? IncidentType,
    long? IncidentId,
    DateTimeOffset RaisedAt,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy,
    DateTimeOffset? ClearedAt,
    int Escalations,
    DateTimeOffset? LastEscalatedAt,
    CameraEvidence? Camera = null,
    OutbreakEvidence? Outbreak = null);

public sealed record IncidentView(
    long Id,
    string Type,
    int Priority,
    string Title,
    IncidentStatus Status,
    GeoView Location,
    string Source,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<long> AlarmIds,
    IReadOnlyList<string> UnitIds,
    IReadOnlyList<TimelineEntry> Timeline);

public sealed record UnitView(
    string Id,
    string CallSign,
    string AgencyId,
    UnitKind Kind,
    UnitStatus Status,
    GeoView Location,
    GeoView Station,
    long? IncidentId,
    DateTimeOffset UpdatedAt);

public sealed record ObservationPoint(DateTimeOffset Time, string Quantity, double Value);

public sealed record ObservationBucket(DateTimeOffset Start, string Quantity, int Count, double Min, double Max, double Mean);
