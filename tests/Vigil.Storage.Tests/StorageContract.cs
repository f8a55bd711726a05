using Vigil.Domain.Alarms;
using Vigil.Domain.Incidents;
using Vigil.Domain.Reports;
using Vigil.Domain.Units;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ingest;
using Vigil.Platform.Ports;
using Xunit;

namespace Vigil.Storage.Tests;

/// <summary>
/// What every storage adapter promises the platform, written once and run against each adapter by a fixture class
/// that says how to open a fresh, empty database.
/// </summary>
public abstract partial class StorageContract
{
    private const long Day = 86_400_000;
    private static readonly long T0 = Samples.Now.ToUnixTimeMilliseconds();

    protected abstract Task<StorageUnderTest> OpenAsync();

    [ContractFact]
    public async Task Appended_observations_read_back_by_device_quantity_and_time()
    {
        await using var storage = await OpenAsync();
        var a = await AddDeviceAsync(storage, "aq-1");
        var b = await AddDeviceAsync(storage, "aq-2");
        Assert.Equal(AppendOutcome.Stored, await storage.Observations.AppendAsync(Samples.Batch(a, "b1", (T0 + 2000, 0, 12.5), (T0, 0, 10.0), (T0 + 1000, 1, 30.25)), default));
        Assert.Equal(AppendOutcome.Stored, await storage.Observations.AppendAsync(Samples.Batch(b, "b1", (T0, 0, 99.0)), default));

        var all = await storage.Observations.ReadAsync(a.Ordinal, null, T0, T0 + 5000, 100, default);
        Assert.Equal([new StoredObservation(T0, 0, 10.0), new StoredObservation(T0 + 1000, 1, 30.25), new StoredObservation(T0 + 2000, 0, 12.5)], all);

        var pm = await storage.Observations.ReadAsync(a.Ordinal, 0, T0 + 1, T0 + 5000, 100, default);
        Assert.Equal([new StoredObservation(T0 + 2000, 0, 12.5)], pm);

        var limited = await storage.Observations.ReadAsync(a.Ordinal, null, T0, T0 + 5000, 2, default);
        Assert.Equal(2, limited.Count);
        Assert.Equal(T0 + 1000, limited[1].TimestampMs);
    }

    [ContractFact]
    public async Task Batch_id_seen_before_for_the_device_stores_nothing_twice()
    {
        await using var storage = await OpenAsync();
        var a = await AddDeviceAsync(storage, "aq-1");
        var b = await AddDeviceAsync(storage, "aq-2");
        Assert.Equal(AppendOutcome.Stored, await storage.Observations.AppendAsync(Samples.Batch(a, "dup", (T0, 0, 1.0), (T0 + 1, 0, 2.0)), default));

        // Concurrent resends land in the same group commit as often as not: still only one is stored.
        var resends = await Task.WhenAll(
            storage.Observations.AppendAsync(Samples.Batch(a, "dup", (T0 + 5, 0, 7.0)), default).AsTask(),
            storage.Observations.AppendAsync(Samples.Batch(a, "dup", (T0 + 6, 0, 8.0)), default).AsTask());
        Assert.Equal([AppendOutcome.Duplicate, AppendOutcome.Duplicate], resends);

        // The same id from another device is another batch.
        Assert.Equal(AppendOutcome.Stored, await storage.Observations.AppendAsync(Samples.Batch(b, "dup", (T0, 0, 3.0)), default));

        var stored = await storage.Observations.ReadAsync(a.Ordinal, null, T0 - Day, T0 + Day, 100, default);
        Assert.Equal([new StoredObservation(T0, 0, 1.0), new StoredObservation(T0 + 1, 0, 2.0)], stored);
    }

    [ContractFact]
    public async Task Device_add_update_key_rotation_and_delete_are_audited()
    {
        await using var storage = await OpenAsync();
        var ordinal = await storage.Devices.AddAsync(Samples.Device("aq-1"), Samples.Audit("device.create", "device", "aq-1"), default);
        Assert.NotNull(ordinal);
        Assert.Null(await storage.Devices.AddAsync(Samples.Device("aq-1"), Samples.Audit("device.create", "device", "aq-1"), default));

        var rotated = Samples.Device("aq-1", lat: 45.6, keyHash: "rotated-key");
        rotated.Name = "Renamed";
        Assert.True(await storage.Devices.UpdateAsync(rotated, Samples.Audit("device.rotate-key", "device", "aq-1"), default));
        Assert.False(await storage.Devices.UpdateAsync(Samples.Device("nope"), Samples.Audit("device.update", "device", "nope"), default));

        var loaded = Assert.Single(await storage.Devices.LoadAllAsync(default));
        Assert.Equal(ordinal, loaded.Ordinal);
        Assert.Equal("rotated-key", loaded.Device.KeyHash);
        Assert.Equal("Renamed", loaded.Device.Name);
        Assert.Equal(45.6, loaded.Device.Location.Lat);
        Assert.Equal(2, loaded.Device.Quantities.Count);

        Assert.True(await storage.Devices.DeleteAsync("aq-1", Samples.Audit("device.delete", "device", "aq-1"), default));
        Assert.False(await storage.Devices.DeleteAsync("aq-1", Samples.Audit("device.delete", "device", "aq-1"), default));
        Assert.Empty(await storage.Devices.LoadAllAsync(default));

        // Only the changes that happened were audited, in order.
        var trail = await storage.Audit.ListAsync(0, 100, "device", "aq-1", default);
        Assert.Equal(["device.create", "device.rotate-key", "device.delete"], trail.Select(e => e.Record.Action));
    }

    [ContractFact]
    public async Task Users_are_found_by_name_whatever_the_case_and_names_are_unique()
    {
        await using var storage = await OpenAsync();
        Assert.True(await storage.Users.AddAsync(Samples.User("u1", "Alice"), Samples.Audit("user.create", "user", "u1"), default));
        Assert.False(await storage.Users.AddAsync(Samples.User("u2", "alice"), Samples.Audit("user.create", "user", "u2"), default));
        Assert.True(await storage.Users.AddAsync(Samples.User("u3", "bob"), Samples.Audit("user.create", "user", "u3"), default));

        var alice = await storage.Users.FindByNameAsync("ALICE", default);
        Assert.NotNull(alice);
        Assert.Equal("u1", alice.Id);
        alice.DisplayName = "Alice A.";
        Assert.True(await storage.Users.UpdateAsync(alice, Samples.Audit("user.update", "user", "u1"), default));
        Assert.False(await storage.Users.UpdateAsync(Samples.User("ghost", "ghost"), Samples.Audit("user.update", "user", "ghost"), default));

        Assert.Equal("Alice A.", (await storage.Users.FindByNameAsync("alice", default))!.DisplayName);
        Assert.Null(await storage.Users.FindByNameAsync("carol", default));
        Assert.Equal(["Alice", "bob"], (await storage.Users.ListAsync(default)).Select(u => u.UserName));
        Assert.Equal(3, (await storage.Audit.ListAsync(0, 100, "user", null, default)).Count);
    }

    [ContractFact]
    public async Task Operations_changes_round_trip_through_commit_and_load()
    {
        await using var storage = await OpenAsync();
        var first = new ChangeSet();
        first.Alarms.Add(Samples.Alarm(1, AlarmState.Active, incidentId: 1));
        first.Alarms.Add(Samples.Alarm(2, AlarmState.Active));
        first.Incidents.Add(Samples.Incident(1, IncidentStatus.New));
        first.Units.Add(Samples.Unit("E-1", UnitStatus.Dispatched));
        first.Events.Add(("alarm.raised", Samples.Now, "{\"id\":1}"));
        first.Events.Add(("incident.created", Samples.Now, "{\"id\":1}"));
        first.Audit.Add(Samples.Audit("incident.create", "incident", "1"));
        var fed = await storage.Operations.CommitAsync(first, default);
        Assert.Equal(["alarm.raised", "incident.created"], fed.Select(f => f.Type));
        Assert.True(fed[1].Seq > fed[0].Seq);

        var second = new ChangeSet();
        second.Alarms.Add(Samples.Alarm(2, AlarmState.Cleared));
        second.Incidents.Add(Samples.Incident(2, IncidentStatus.Resolved));
        second.Events.Add(("alarm.cleared", Samples.Now.AddHours(1), "{\"id\":2}"));
        var fedAgain = await storage.Operations.CommitAsync(second, default);
        Assert.True(fedAgain[0].Seq > fed[1].Seq);

        var snapshot = await storage.Operations.LoadOpenAsync(default);
        Assert.Equal(Samples.Json(Samples.Alarm(1, AlarmState.Active, incidentId: 1), VigilJson.Default.AlarmView), Samples.Json(Assert.Single(snapshot.OpenAlarms), VigilJson.Default.AlarmView));
        Assert.Equal(Samples.Json(Samples.Incident(1, IncidentStatus.New), VigilJson.Default.IncidentView), Samples.Json(Assert.Single(snapshot.OpenIncidents), VigilJson.Default.IncidentView));
        Assert.Equal(UnitStatus.Dispatched, Assert.Single(snapshot.Units).Status);
        Assert.Equal(2, snapshot.MaxAlarmId);
        Assert.Equal(2, snapshot.MaxIncidentId);

        Assert.Equal(AlarmState.Cleared, (await storage.Operations.GetAlarmAsync(2, default))!.State);
        Assert.Null(await storage.Operations.GetAlarmAsync(3, default));
        Assert.Equal([2L], (await storage.Operations.ListAlarmsAsync(new AlarmQuery(State: AlarmState.Cleared), default)).Select(a => a.Id));
        Assert.Equal([1L], (await storage.Operations.ListAlarmsAsync(new AlarmQuery(OpenOnly: true), default)).Select(a => a.Id));
        Assert.Equal([2L, 1L], (await storage.Operations.ListAlarmsAsync(new AlarmQuery(DeviceId: "aq-1"), default)).Select(a => a.Id));
        Assert.Equal([1L], (await storage.Operations.ListIncidentsAsync(new IncidentQuery(OpenOnly: true), default)).Select(i => i.Id));
        Assert.Equal([2L], (await storage.Operations.ListIncidentsAsync(new IncidentQuery(Status: IncidentStatus.Resolved), default)).Select(i => i.Id));
        Assert.Empty(await storage.Operations.ListIncidentsAsync(new IncidentQuery(Since: Samples.Now.AddMinutes(1)), default));
        Assert.Equal("Poor air 2", (await storage.Operations.GetIncidentAsync(2, default))!.Title);

        var feed = await storage.Operations.ReadFeedAsync(fed[0].Seq, 10, default);
        Assert.Equal(["incident.created", "alarm.cleared"], feed.Select(f => f.Type));
        Assert.Equal("{\"id\":2}", feed[1].Json);
        Assert.Equal(Samples.Now.AddHours(1), feed[1].At);
    }

    [ContractFact]
    public async Task Audit_chain_verifies_and_detects_tampering()
    {
        await using var storage = await OpenAsync();
        Assert.Null(await storage.Audit.VerifyChainAsync(default));
        await storage.Audit.AppendAsync(Samples.Audit("system.start", "system", "node-1"), default);
        await AddDeviceAsync(storage, "aq-1");
        await storage.Audit.AppendAsync(new AuditRecord(Samples.Now, "bob", "note", "incident", "7", "{\"a\":1}", null), default);

        var trail = await storage.Audit.ListAsync(0, 100, null, null, default);
        Assert.Equal(3, trail.Count);
        Assert.Equal(string.Empty, trail[0].PreviousHash);
        Assert.Equal(trail[0].Hash, trail[1].PreviousHash);
        Assert.Equal(trail[1].Hash, trail[2].PreviousHash);
        Assert.Equal(Samples.Now, trail[2].Record.At);
        Assert.Null(trail[2].Record.After);
        Assert.Null(await storage.Audit.VerifyChainAsync(default));

        await storage.TamperWithAuditAsync(trail[1].Seq);
        Assert.Equal(trail[1].Seq, await storage.Audit.VerifyChainAsync(default));
    }

    [ContractFact]
    public async Task Failed_change_is_rejected_alone_and_leaves_no_audit()
    {
        await using var storage = await OpenAsync();
        await storage.Reports.AddAsync(Samples.Report("T-1", ReportStatus.Received, Samples.Now), null, Samples.Audit("report.create", "report", "T-1"), default);

        // A taken ticket fails inside the writer's group transaction; the writes queued beside it still commit.
        var duplicate = storage.Reports.AddAsync(Samples.Report("T-1", ReportStatus.Received, Samples.Now), null, Samples.Audit("report.create", "report", "T-1-again"), default);
        var beside = storage.Users.AddAsync(Samples.User("u1", "alice"), Samples.Audit("user.create", "user", "u1"), default);
        await Assert.ThrowsAnyAsync<Exception>(() => duplicate);
        Assert.True(await beside);

        var trail = await storage.Audit.ListAsync(0, 100, null, null, default);
        Assert.Equal(["T-1", "u1"], trail.Select(e => e.Record.EntityId).Order());
        Assert.Null(await storage.Audit.VerifyChainAsync(default));
    }

    [ContractFact]
    public async Task Reports_with_photo_are_stored_listed_and_announced()
    {
        await using var storage = await OpenAsync();
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3];
        var created = await storage.Reports.AddAsync(Samples.Report("T-1", ReportStatus.Received, Samples.Now), new ReportPhoto("image/jpeg", jpeg), Samples.Audit("report.create", "report", "T-1"), default);
        await storage.Reports.AddAsync(Samples.Report("T-2", ReportStatus.Received, Samples.Now.AddMinutes(1)) with { HasPhoto = false }, null, Samples.Audit("report.create", "report", "T-2"), default);
        Assert.Equal("report.created", created.Type);

        var closed = Samples.Report("T-2", ReportStatus.Resolved, Samples.Now.AddMinutes(1)) with { HasPhoto = false, StatusNote = "Filled", UpdatedAt = Samples.Now.AddHours(2) };
        var updated = await storage.Reports.UpdateAsync(closed, Samples.Audit("report.update", "report", "T-2"), default);
        Assert.NotNull(updated);
        Assert.True(updated.Seq > created.Seq);
        Assert.Null(await storage.Reports.UpdateAsync(Samples.Report("T-9", ReportStatus.Resolved, Samples.Now), Samples.Audit("report.update", "report", "T-9"), default));

        Assert.Equal("Filled", (await storage.Reports.GetAsync("T-2", default))!.StatusNote);
        Assert.Null(await storage.Reports.GetAsync("T-9", default));
        Assert.Equal(["T-2", "T-1"], (await storage.Reports.ListAsync(false, 10, default)).Select(r => r.Ticket));
        Assert.Equal(["T-1"], (await storage.Reports.ListAsync(true, 10, default)).Select(r => r.Ticket));
        var photo = await storage.Reports.GetPhotoAsync("T-1", default);
        Assert.Equal("image/jpeg", photo!.ContentType);
        Assert.Equal(jpeg, photo.Data);
        Assert.Null(await storage.Reports.GetPhotoAsync("T-2", default));
        Assert.Equal(["report.created", "report.created", "report.updated"], (await storage.Operations.ReadFeedAsync(0, 10, default)).Select(f => f.Type));
    }

    [ContractFact]
    public async Task City_map_is_absent_until_saved_then_replaced()
    {
        await using var storage = await OpenAsync();
        Assert.Null(await storage.CityMap.LoadAsync(default));
        await storage.CityMap.SaveAsync(Samples.City(), Samples.Audit("map.import", "map", "city"), default);
        var renamed = Samples.City() with { Name = "Testville 2" };
        await storage.CityMap.SaveAsync(renamed, Samples.Audit("map.import", "map", "city"), default);
        Assert.Equal(Samples.Json(renamed, VigilJson.Default.CityLayers), Samples.Json((await storage.CityMap.LoadAsync(default))!, VigilJson.Default.CityLayers));
        Assert.Equal(2, (await storage.Audit.ListAsync(0, 10, "map", "city", default)).Count);
    }

    [ContractFact]
    public async Task Purge_removes_observations_before_the_cutoff_and_keeps_the_rest()
    {
        await using var storage = await OpenAsync();
        var a = await AddDeviceAsync(storage, "aq-1");
        await storage.Observations.AppendAsync(Samples.Batch(a, "old", (T0 - (3 * Day), 0, 1.0), (T0 - (2 * Day), 0, 2.0), (T0 - 1000, 0, 3.0)), default);
        await storage.Observations.AppendAsync(Samples.Batch(a, "new", (T0, 0, 4.0), (T0 + 1000, 0, 5.0)), default);

        var removed = await storage.Observations.PurgeAsync(T0, default);

        Assert.Equal(3, removed);
        var left = await storage.Observations.ReadAsync(a.Ordinal, null, T0 - (4 * Day), T0 + Day, 100, default);
        Assert.Equal([new StoredObservation(T0, 0, 4.0), new StoredObservation(T0 + 1000, 0, 5.0)], left);

        // Old days may receive data again after their partition or block went.
        Assert.Equal(AppendOutcome.Stored, await storage.Observations.AppendAsync(Samples.Batch(a, "late", (T0 - (3 * Day), 0, 9.0)), default));
        Assert.Single(await storage.Observations.ReadAsync(a.Ordinal, null, T0 - (4 * Day), T0 - Day, 100, default));
    }

    protected static async Task<DeviceEntry> AddDeviceAsync(StorageUnderTest storage, string id, double lat = 45.52, double lon = -122.68)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var device = Samples.Device(id, lat, lon);
        var ordinal = await storage.Devices.AddAsync(device, Samples.Audit("device.create", "device", id), default);
        return new DeviceEntry(ordinal ?? throw new InvalidOperationException("device id taken"), device);
    }
}
