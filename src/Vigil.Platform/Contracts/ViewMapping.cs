using Vigil.Domain.Alarms;
using Vigil.Domain.Devices;
using Vigil.Domain.Geo;
using Vigil.Domain.Incidents;
using Vigil.Domain.Units;

namespace Vigil.Platform.Contracts;

/// <summary>Converts between domain entities and their views.</summary>
public static class ViewMapping
{
    public static GeoView ToView(this GeoPoint p) => new(p.Lat, p.Lon);

    public static GeoPoint ToPoint(this GeoView v) => new(v.Lat, v.Lon);

    public static DeviceView ToView(this Device d) =>
        new(d.Id, d.Name, d.Kind, d.Location.ToView(), d.AgencyId, d.Quantities, d.RegisteredAt);

    public static AlarmView ToView(this Alarm a) => new(
        a.Id, a.RuleId, a.DeviceId, a.Quantity, a.Category, a.Severity, a.State, a.Location.ToView(), a.Explanation,
        a.IncidentType, a.IncidentId, a.RaisedAt, a.AcknowledgedAt, a.AcknowledgedBy, a.ClearedAt, a.Escalations, a.LastEscalatedAt, a.Camera, a.Outbreak);

    public static Alarm ToAlarm(this AlarmView v) => new()
    {
        Id = v.Id,
        RuleId = v.RuleId,
        DeviceId = v.DeviceId,
        Quantity = v.Quantity,
        Category = v.Category,
        Severity = v.Severity,
        State = v.State,
        Location = v.Location.ToPoint(),
        Explanation = v.Explanation,
        IncidentType = v.IncidentType,
        IncidentId = v.IncidentId,
        RaisedAt = v.RaisedAt,
        AcknowledgedAt = v.AcknowledgedAt,
        AcknowledgedBy = v.AcknowledgedBy,
        ClearedAt = v.ClearedAt,
        Escalations = v.Escalations,
        LastEscalatedAt = v.LastEscalatedAt,
        Camera = v.Camera,
        Outbreak = v.Outbreak,
    };

    public static IncidentView ToView(this Incident i) => new(
        i.Id, i.Type, i.Priority, i.Title, i.Status, i.Location.ToView(), i.Source, i.CreatedAt, i.UpdatedAt,
        [.. i.AlarmIds], [.. i.UnitIds], [.. i.Timeline]);

    public static Incident ToIncident(this IncidentView v)
    {
        var incident = new Incident
        {
            Id = v.Id,
            Type = v.Type,
            Priority = v.Priority,
            Title = v.Title,
            Status = v.Status,
            Location = v.Location.ToPoint(),
            Source = v.Source,
            CreatedAt = v.CreatedAt,
        };
        incident.Restore(v.AlarmIds, v.UnitIds, v.Timeline);
        incident.UpdatedAt = v.UpdatedAt;
        return incident;
    }

    public static UnitView ToView(this ResponseUnit u) =>
        new(u.Id, u.CallSign, u.AgencyId, u.Kind, u.Status, u.Location.ToView(), u.Station.ToView(), u.IncidentId, u.UpdatedAt);

    public static ResponseUnit ToUnit(this UnitView v) => new()
    {
        Id = v.Id,
        CallSign = v.CallSign,
        AgencyId = v.AgencyId,
        Kind = v.Kind,
        Status = v.Status,
        Location = v.Location.ToPoint(),
        Station = v.Station.ToPoint(),
        IncidentId = v.IncidentId,
        UpdatedAt = v.UpdatedAt,
    };
}
