using System.Text.Json;
using Vigil.Domain.Accounts;
using Vigil.Domain.Alarms;
using Vigil.Domain.Devices;
using Vigil.Domain.Geo;
using Vigil.Domain.Incidents;
using Vigil.Domain.Reports;
using Vigil.Domain.Units;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ingest;
using Vigil.Platform.Ports;

namespace Vigil.Storage.Tests;

/// <summary>Entities for the contract tests, and a JSON comparison (the views hold lists, which records compare by reference).</summary>
internal static class Samples
{
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 30, 15, 123, TimeSpan.Zero);

    public static Device Device(string id, double lat = 45.52, double lon = -122.68, string keyHash = "") => new()
    {
        Id = id,
        Name = "Sensor " + id,
        Kind = DeviceKind.AirQuality,
        Location = new GeoPoint(lat, lon),
        AgencyId = "env",
        Quantities = [new QuantitySpec("pm25", "ug/m3"), new QuantitySpec("no2", "ppb")],
        KeyHash = keyHash.Length > 0 ? keyHash : "key-" + id,
        RegisteredAt = Now,
    };

    public static AuditRecord Audit(string action, string type, string id, string? after = null) =>
        new(Now, "alice", action, type, id, null, after ?? "{\"id\":\"" + id + "\"}");

    public static IngestBatch Batch(DeviceEntry device, string batchId, params (long Ts, int Quantity, double Value)[] rows)
    {
        var array = IngestBatch.RentRows(rows.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            array[i] = new ObservationRow(rows[i].Ts, rows[i].Quantity, rows[i].Value);
        }

        return new IngestBatch(batchId, device, array, rows.Length, 0);
    }

    public static UserAccount User(string id, string name) => new()
    {
        Id = id,
        UserName = name,
        DisplayName = "User " + name,
        Role = Role.Operator,
        PasswordHash = "hash-" + id,
        CreatedAt = Now,
    };

    public static AlarmView Alarm(long id, AlarmState state, long? incidentId = null) => new(
        id, "pm25-high", "aq-1", "pm25", AlarmCategory.Emergency, Severity.Major, state, new GeoView(45.52, -122.68),
        new AlarmExplanation("below 35", "82.5", 82.5, 0, 35), "air-quality", incidentId, Now.AddMinutes(id), null, null,
        state == AlarmState.Cleared ? Now.AddHours(1) : null, 0, null);

    public static IncidentView Incident(long id, IncidentStatus status, double lat = 45.52, double lon = -122.68) => new(
        id, "air-quality", 2, "Poor air " + id, status, new GeoView(lat, lon), "detector", Now, Now.AddMinutes(5), [1], ["E-1"],
        [new TimelineEntry(Now, "system", "created", "Opened from alarm 1")]);

    public static UnitView Unit(string id, UnitStatus status) =>
        new(id, "Engine " + id, "fire", UnitKind.Fire, status, new GeoView(45.5, -122.6), new GeoView(45.5, -122.6), status == UnitStatus.Dispatched ? 1 : null, Now);

    public static ReportView Report(string ticket, ReportStatus status, DateTimeOffset createdAt) => new(
        ticket, "pothole", status, "Deep pothole on Main St", new GeoView(45.51, -122.67), "Main St & 3rd", true, true,
        createdAt, createdAt, null, null, null);

    public static CityLayers City() => new(
        "Testville", new GeoView(45.5, -122.6),
        [new MapDistrict("North", [new GeoView(45.6, -122.7), new GeoView(45.6, -122.5), new GeoView(45.55, -122.6)])],
        [new MapStreet("Main St", true, [new GeoView(45.5, -122.7), new GeoView(45.5, -122.5)])]);

    public static string Json<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) => JsonSerializer.Serialize(value, type);
}
