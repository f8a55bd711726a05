using Vigil.Domain.Accounts;
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
        await storage.Observations.MarkPublishedAsync([new BatchKey(a.Ordinal, "dup")], default);

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
    public async Task Stored_batch_stays_unpublished_until_marked_and_its_resend_says_so()
    {
        await using var storage = await OpenAsync();
        var a = await AddDeviceAsync(storage, "aq-1");
        var b = await AddDeviceAsync(storage, "aq-2");
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 1000;
        Assert.Equal(AppendOutcome.Stored, await storage.Observations.AppendAsync(Samples.Batch(a, "p1", (T0, 0, 1.5), (T0 + 7, 1, -2.25)), default));
        Assert.Equal(AppendOutcome.Stored, await storage.Observations.AppendAsync(Samples.Batch(b, "p1", (T0, 0, 3.0)), default));

        // Nothing was received before a second ago; everything was received before a minute from now.
        Assert.Empty(await storage.Observations.ReadUnpublishedAsync(before, 10, default));
        var later = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 60_000;
        var pending = await storage.Observations.ReadUnpublishedAsync(later, 10, default);
        Assert.Equal(2, pending.Count);
        var ofA = Assert.Single(pending, p => p.DeviceOrdinal == a.Ordinal);
        Assert.Equal("p1", ofA.BatchId);
        Assert.InRange(ofA.ReceivedMs, before, later);
        Assert.True(ObservationRowCodec.TryCount(ofA.Rows, out var count));
        var rows = new ObservationRow[count];
        ObservationRowCodec.Decode(ofA.Rows, rows);
        Assert.Equal([new ObservationRow(T0, 0, 1.5), new ObservationRow(T0 + 7, 1, -2.25)], rows);
        Assert.Single(await storage.Observations.ReadUnpublishedAsync(later, 1, default));

        // A resend of an unpublished batch stores nothing again but is told apart from a duplicate.
        Assert.Equal(AppendOutcome.Unpublished, await storage.Observations.AppendAsync(Samples.Batch(a, "p1", (T0, 0, 1.5)), default));
        Assert.Equal(2, (await storage.Observations.ReadAsync(a.Ordinal, null, T0 - Day, T0 + Day, 100, default)).Count);

        // Marking is per device and batch id; unknown ids are ignored.
        await storage.Observations.MarkPublishedAsync([new BatchKey(a.Ordinal, "p1"), new BatchKey(a.Ordinal, "never-stored")], default);
        var left = Assert.Single(await storage.Observations.ReadUnpublishedAsync(later, 10, default));
        Assert.Equal(b.Ordinal, left.DeviceOrdinal);
        Assert.Equal(AppendOutcome.Duplicate, await storage.Observations.AppendAsync(Samples.Batch(a, "p1", (T0, 0, 1.5)), default));
        Assert.Equal(AppendOutcome.Unpublished, await storage.Observations.AppendAsync(Samples.Batch(b, "p1", (T0, 0, 3.0)), default));
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
    public async Task Every_role_is_stored_and_read_back_as_itself()
    {
        await using var storage = await OpenAsync();
        var roles = Enum.GetValues<Role>();
        foreach (var role in roles)
        {
            var user = Samples.User($"r{(int)role}", $"role-{role}");
            user.Role = role;
            Assert.True(await storage.Users.AddAsync(user, Samples.Audit("user.create", "user", user.Id), default));
        }

        foreach (var role in roles)
        {
            Assert.Equal(role, (await storage.Users.FindByNameAsync($"role-{role}", default))!.Role);
        }

        Assert.Contains(Role.Guard, roles);
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
    public async Task Applied_command_is_recorded_with_its_changes_refused_a_second_time_and_purged_by_age()
    {
        await using var storage = await OpenAsync();
        var first = new ChangeSet();
        first.Alarms.Add(Samples.Alarm(1, AlarmState.Acknowledged));
        first.Events.Add(("alarm.acknowledged", Samples.Now, "{\"id\":1}"));
        first.Commands.Add(new AppliedCommand("cmd-1", Samples.Now, "{\"failure\":\"None\"}"));
        await storage.Operations.CommitAsync(first, default);

        // The same id again means another desk applied it: the whole round fails, its alarm and feed event included.
        var again = new ChangeSet();
        again.Alarms.Add(Samples.Alarm(2, AlarmState.Active));
        again.Events.Add(("alarm.raised", Samples.Now, "{\"id\":2}"));
        again.Commands.Add(new AppliedCommand("cmd-1", Samples.Now, "{\"failure\":\"NotFound\"}"));
        await Assert.ThrowsAnyAsync<Exception>(() => storage.Operations.CommitAsync(again, default));

        var later = new ChangeSet();
        later.Commands.Add(new AppliedCommand("cmd-2", Samples.Now.AddHours(2), "{}"));
        await storage.Operations.CommitAsync(later, default);

        Assert.Equal("{\"failure\":\"None\"}", await storage.Operations.FindAppliedCommandAsync("cmd-1", default));
        Assert.Null(await storage.Operations.FindAppliedCommandAsync("cmd-3", default));
        Assert.Null(await storage.Operations.GetAlarmAsync(2, default));
        Assert.Single(await storage.Operations.ReadFeedAsync(0, 10, default));

        Assert.Equal(1, await storage.Operations.PurgeAppliedCommandsAsync(Samples.Now.AddHours(1), default));
        Assert.Null(await storage.Operations.FindAppliedCommandAsync("cmd-1", default));
        Assert.Equal("{}", await storage.Operations.FindAppliedCommandAsync("cmd-2", default));
        Assert.Equal(0, await storage.Operations.PurgeAppliedCommandsAsync(Samples.Now.AddHours(1), default));
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
        await storage.Reports.AddAsync(Samples.Report("T-1", ReportStatus.Received, Samples.Now), null, null, Samples.Audit("report.create", "report", "T-1"), default);

        // A taken ticket fails inside the writer's group transaction; the writes queued beside it still commit.
        var duplicate = storage.Reports.AddAsync(Samples.Report("T-1", ReportStatus.Received, Samples.Now), null, null, Samples.Audit("report.create", "report", "T-1-again"), default);
        var beside = storage.Users.AddAsync(Samples.User("u1", "alice"), Samples.Audit("user.create", "user", "u1"), default);
        await Assert.ThrowsAnyAsync<Exception>(() => duplicate);
        Assert.True(await beside);

        var trail = await storage.Audit.ListAsync(0, 100, null, null, default);
        Assert.Equal(["T-1", "u1"], trail.Select(e => e.Record.EntityId).Order());
        Assert.Null(await storage.Audit.VerifyChainAsync(default));
    }

    [ContractFact]
    public async Task Report_query_filters_by_tickets_categories_time_and_open_state()
    {
        await using var storage = await OpenAsync();
        await storage.Reports.AddAsync(Samples.Report("T-1", ReportStatus.Received, Samples.Now), null, null, Samples.Audit("report.create", "report", "T-1"), default);
        await storage.Reports.AddAsync(Samples.Report("T-2", ReportStatus.Resolved, Samples.Now.AddHours(1)) with { Category = "flooding" }, null, null, Samples.Audit("report.create", "report", "T-2"), default);
        await storage.Reports.AddAsync(Samples.Report("T-3", ReportStatus.InProgress, Samples.Now.AddDays(2)) with { Category = "flooding" }, null, null, Samples.Audit("report.create", "report", "T-3"), default);

        async Task<IEnumerable<string>> TicketsAsync(ReportQuery query) => (await storage.Reports.QueryAsync(query, default)).Select(r => r.Ticket);

        Assert.Equal(["T-3", "T-2", "T-1"], await TicketsAsync(new ReportQuery(null, null, null, null, null, 10)));
        Assert.Equal(["T-3", "T-1"], await TicketsAsync(new ReportQuery(["T-1", "T-3", "T-9"], null, null, null, null, 10)));
        Assert.Equal(["T-3", "T-2"], await TicketsAsync(new ReportQuery(null, ["flooding"], null, null, null, 10)));
        Assert.Equal(["T-2"], await TicketsAsync(new ReportQuery(null, null, Samples.Now.AddMinutes(30), Samples.Now.AddDays(1), null, 10)));
        Assert.Equal(["T-3", "T-1"], await TicketsAsync(new ReportQuery(null, null, null, null, true, 10)));
        Assert.Equal(["T-2"], await TicketsAsync(new ReportQuery(null, null, null, null, false, 10)));
        Assert.Equal(["T-3"], await TicketsAsync(new ReportQuery(null, ["flooding"], null, null, true, 10)));
        Assert.Equal(["T-3"], await TicketsAsync(new ReportQuery(null, null, null, null, null, 1)));
        Assert.Empty(await TicketsAsync(new ReportQuery([], null, null, null, null, 10)));
        Assert.Empty(await TicketsAsync(new ReportQuery(null, [], null, null, null, 10)));
    }

    [ContractFact]
    public async Task Api_keys_are_found_by_hash_listed_and_revoked_once()
    {
        await using var storage = await OpenAsync();
        var key = new ApiKeyRecord("ak-1", "City app", "hash-1", Samples.Now, "admin", null);
        Assert.True(await storage.ApiKeys.AddAsync(key, Samples.Audit("apikey.create", "apikey", "ak-1"), default));
        Assert.False(await storage.ApiKeys.AddAsync(key with { Id = "ak-2" }, Samples.Audit("apikey.create", "apikey", "ak-2"), default));
        Assert.True(await storage.ApiKeys.AddAsync(new ApiKeyRecord("ak-3", "Other app", "hash-3", Samples.Now.AddMinutes(1), "admin", null),
            Samples.Audit("apikey.create", "apikey", "ak-3"), default));

        Assert.Equal(key, await storage.ApiKeys.FindByHashAsync("hash-1", default));
        Assert.Null(await storage.ApiKeys.FindByHashAsync("hash-2", default));
        Assert.Equal(["ak-1", "ak-3"], (await storage.ApiKeys.ListAsync(default)).Select(k => k.Id));

        Assert.True(await storage.ApiKeys.RevokeAsync("ak-1", Samples.Now.AddHours(1), Samples.Audit("apikey.revoke", "apikey", "ak-1"), default));
        Assert.False(await storage.ApiKeys.RevokeAsync("ak-1", Samples.Now.AddHours(2), Samples.Audit("apikey.revoke", "apikey", "ak-1"), default));
        Assert.False(await storage.ApiKeys.RevokeAsync("ak-9", Samples.Now, Samples.Audit("apikey.revoke", "apikey", "ak-9"), default));
        var revoked = await storage.ApiKeys.FindByHashAsync("hash-1", default);
        Assert.Equal(Samples.Now.AddHours(1), revoked!.RevokedAt);
        Assert.False(revoked.IsActive);
        Assert.True((await storage.ApiKeys.FindByHashAsync("hash-3", default))!.IsActive);
    }

    [ContractFact]
    public async Task Reports_with_photo_are_stored_listed_and_announced()
    {
        await using var storage = await OpenAsync();
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3];
        var created = await storage.Reports.AddAsync(Samples.Report("T-1", ReportStatus.Received, Samples.Now), null, new ReportPhoto("image/jpeg", jpeg), Samples.Audit("report.create", "report", "T-1"), default);
        await storage.Reports.AddAsync(Samples.Report("T-2", ReportStatus.Received, Samples.Now.AddMinutes(1)) with { HasPhoto = false }, null, null, Samples.Audit("report.create", "report", "T-2"), default);
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
    public async Task Sealed_contact_is_kept_beside_the_document_and_resealed_only_if_unchanged()
    {
        await using var storage = await OpenAsync();
        await storage.Reports.AddAsync(Samples.Report("T-1", ReportStatus.Received, Samples.Now), "v1.k1.AAAA", null, Samples.Audit("report.create", "report", "T-1"), default);
        await storage.Reports.AddAsync(Samples.Report("T-2", ReportStatus.Received, Samples.Now) with { HasContact = false }, null, null, Samples.Audit("report.create", "report", "T-2"), default);
        await storage.Reports.AddAsync(Samples.Report("T-3", ReportStatus.Received, Samples.Now), "v1.k1.BBBB", null, Samples.Audit("report.create", "report", "T-3"), default);

        Assert.Equal("v1.k1.AAAA", await storage.Reports.GetSealedContactAsync("T-1", default));
        Assert.Null(await storage.Reports.GetSealedContactAsync("T-2", default));
        Assert.Null(await storage.Reports.GetSealedContactAsync("T-9", default));
        Assert.Equal([new SealedContact("T-1", "v1.k1.AAAA"), new SealedContact("T-3", "v1.k1.BBBB")], await storage.Reports.ListSealedContactsAsync(null, 10, default));
        Assert.Equal([new SealedContact("T-3", "v1.k1.BBBB")], await storage.Reports.ListSealedContactsAsync("T-1", 10, default));
        Assert.Single(await storage.Reports.ListSealedContactsAsync(null, 1, default));

        // The sealed value is in neither the document, the feed nor the audit trail.
        foreach (var feed in await storage.Operations.ReadFeedAsync(0, 10, default))
        {
            Assert.DoesNotContain("AAAA", feed.Json, StringComparison.Ordinal);
        }

        Assert.True(await storage.Reports.ResealContactAsync("T-1", "v1.k1.AAAA", "v1.k2.CCCC", Samples.Audit("report.contact.reseal", "report", "T-1"), default));
        Assert.False(await storage.Reports.ResealContactAsync("T-1", "v1.k1.AAAA", "v1.k2.DDDD", Samples.Audit("report.contact.reseal", "report", "T-1"), default));
        Assert.Equal("v1.k2.CCCC", await storage.Reports.GetSealedContactAsync("T-1", default));
        Assert.Single(await storage.Audit.ListAsync(0, 100, "report", "T-1", default), e => e.Record.Action == "report.contact.reseal");
        Assert.Null(await storage.Audit.VerifyChainAsync(default));
    }

    [ContractFact]
    public async Task Closed_reports_past_retention_are_purged_once_with_contact_and_photo()
    {
        await using var storage = await OpenAsync();
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xD9];
        var old = Samples.Now.AddDays(-200);
        await storage.Reports.AddAsync(Samples.Report("T-1", ReportStatus.Received, old), "v1.k1.AAAA", new ReportPhoto("image/jpeg", jpeg), Samples.Audit("report.create", "report", "T-1"), default);
        await storage.Reports.AddAsync(Samples.Report("T-2", ReportStatus.Received, old), "v1.k1.BBBB", null, Samples.Audit("report.create", "report", "T-2"), default);
        await storage.Reports.AddAsync(Samples.Report("T-3", ReportStatus.Received, old), "v1.k1.CCCC", null, Samples.Audit("report.create", "report", "T-3"), default);
        await storage.Reports.UpdateAsync(Samples.Report("T-1", ReportStatus.Resolved, old) with { UpdatedAt = old.AddDays(1) }, Samples.Audit("report.update", "report", "T-1"), default);
        await storage.Reports.UpdateAsync(Samples.Report("T-2", ReportStatus.Dismissed, old) with { UpdatedAt = Samples.Now.AddDays(-1) }, Samples.Audit("report.update", "report", "T-2"), default);

        // T-2 closed too recently, T-3 is still open.
        var due = await storage.Reports.ListPurgeDueAsync(Samples.Now.AddDays(-180), 10, default);
        Assert.Equal(["T-1"], due.Select(r => r.Ticket));

        var purged = due[0] with { HasContact = false, HasPhoto = false, PurgedAt = Samples.Now, UpdatedAt = Samples.Now };
        var record = await storage.Reports.PurgeAsync(purged, Samples.Audit("report.purge", "report", "T-1"), default);
        Assert.Equal("report.updated", record!.Type);
        Assert.Null(await storage.Reports.PurgeAsync(purged, Samples.Audit("report.purge", "report", "T-1"), default));
        Assert.Null(await storage.Reports.PurgeAsync(Samples.Report("T-3", ReportStatus.Received, old), Samples.Audit("report.purge", "report", "T-3"), default));

        Assert.Null(await storage.Reports.GetSealedContactAsync("T-1", default));
        Assert.Null(await storage.Reports.GetPhotoAsync("T-1", default));
        Assert.Equal(Samples.Now, (await storage.Reports.GetAsync("T-1", default))!.PurgedAt);
        Assert.Equal("v1.k1.CCCC", await storage.Reports.GetSealedContactAsync("T-3", default));
        Assert.Empty(await storage.Reports.ListPurgeDueAsync(Samples.Now.AddDays(-180), 10, default));
        Assert.Single(await storage.Audit.ListAsync(0, 100, "report", "T-1", default), e => e.Record.Action == "report.purge");
        Assert.Null(await storage.Audit.VerifyChainAsync(default));
    }

    [ContractFact]
    public async Task Police_only_tip_travels_in_the_feed_without_its_content()
    {
        await using var storage = await OpenAsync();
        var tip = Samples.Report("T-1", ReportStatus.Received, Samples.Now) with { Category = ReportCategories.SuspiciousActivity, Description = "Van at no. 12 every night" };
        var record = await storage.Reports.AddAsync(tip, "v1.k1.AAAA", null, Samples.Audit("report.create", "report", "T-1"), default);

        Assert.Contains(ReportCategories.SuspiciousActivity, record.Json, StringComparison.Ordinal);
        Assert.DoesNotContain("Van at no. 12", record.Json, StringComparison.Ordinal);
        Assert.DoesNotContain("Main St", record.Json, StringComparison.Ordinal);
        var stored = (await storage.Operations.ReadFeedAsync(0, 10, default)).Single();
        Assert.DoesNotContain("Van at no. 12", stored.Json, StringComparison.Ordinal);
        Assert.Equal("Van at no. 12 every night", (await storage.Reports.GetAsync("T-1", default))!.Description);
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
    public async Task Camera_configuration_is_saved_replaced_listed_and_deleted_with_audit()
    {
        await using var storage = await OpenAsync();
        var first = CameraConfig("cam-1", 1280, "gate");
        await storage.Cameras.SaveConfigAsync(first, Samples.Audit("camera.configure", "camera", "cam-1"), default);
        await storage.Cameras.SaveConfigAsync(CameraConfig("cam-0", 640, "door"), Samples.Audit("camera.configure", "camera", "cam-0"), default);
        await storage.Cameras.SaveConfigAsync(CameraConfig("cam-1", 1920, "yard"), Samples.Audit("camera.configure", "camera", "cam-1"), default);

        var listed = await storage.Cameras.ListConfigsAsync(default);
        Assert.Equal(["cam-0", "cam-1"], listed.Select(c => c.CameraId));
        var replaced = listed[1];
        Assert.Equal(1920, replaced.Config.ImageWidth);
        Assert.Equal("yard", Assert.Single(replaced.Config.Zones!).Id);
        Assert.Equal([4.0, 5.0], replaced.Config.Zones![0].Polygon[2]);
        var rule = Assert.Single(replaced.Config.Rules!);
        Assert.Equal((Vigil.CameraAnalytics.Behaviour.BehaviourKind.Loitering, 30.0), (rule.Kind, rule.Seconds!.Value));
        Assert.Equal(4, replaced.Config.Calibration!.Count);
        Assert.Equal(first.UpdatedAt, replaced.UpdatedAt);

        Assert.True(await storage.Cameras.DeleteConfigAsync("cam-1", Samples.Audit("camera.unconfigure", "camera", "cam-1"), default));
        Assert.False(await storage.Cameras.DeleteConfigAsync("cam-1", Samples.Audit("camera.unconfigure", "camera", "cam-1"), default));
        Assert.Equal(["cam-0"], (await storage.Cameras.ListConfigsAsync(default)).Select(c => c.CameraId));
        var trail = await storage.Audit.ListAsync(0, 100, "camera", "cam-1", default);
        Assert.Equal(["camera.configure", "camera.configure", "camera.unconfigure"], trail.Select(e => e.Record.Action));
    }

    [ContractFact]
    public async Task Detection_batch_id_seen_before_for_the_camera_is_a_duplicate()
    {
        await using var storage = await OpenAsync();
        var t = Samples.Now;
        const string Frames = """{"batchId":"b1","frames":[]}""";
        Assert.Equal(AppendOutcome.Stored, await storage.Cameras.AppendDetectionsAsync("cam-1", "b1", t, t.AddSeconds(2), Frames, default));
        Assert.Equal(AppendOutcome.Duplicate, await storage.Cameras.AppendDetectionsAsync("cam-1", "b1", t, t.AddSeconds(2), Frames, default));
        Assert.Equal(AppendOutcome.Stored, await storage.Cameras.AppendDetectionsAsync("cam-2", "b1", t, t.AddSeconds(2), Frames, default));
        Assert.Equal(AppendOutcome.Stored, await storage.Cameras.AppendDetectionsAsync("cam-1", "b2", t.AddSeconds(3), t.AddSeconds(5), Frames, default));

        Assert.Equal(2, await storage.Cameras.CountDetectionBatchesAsync("cam-1", t, default));
        Assert.Equal(1, await storage.Cameras.CountDetectionBatchesAsync("cam-1", t.AddSeconds(4), default));
        Assert.Equal(0, await storage.Cameras.CountDetectionBatchesAsync("cam-3", t, default));
    }

    [ContractFact]
    public async Task Detection_batches_ending_before_the_cutoff_are_purged_across_cameras()
    {
        await using var storage = await OpenAsync();
        var t = Samples.Now;
        const string Frames = """{"batchId":"b","frames":[]}""";
        await storage.Cameras.AppendDetectionsAsync("cam-1", "old", t.AddDays(-9), t.AddDays(-9).AddSeconds(3), Frames, default);
        await storage.Cameras.AppendDetectionsAsync("cam-2", "old", t.AddDays(-8), t.AddDays(-8).AddSeconds(3), Frames, default);

        // Starts before the cutoff but ends after it: still partly inside the retention period, so it stays.
        await storage.Cameras.AppendDetectionsAsync("cam-1", "straddling", t.AddDays(-7).AddSeconds(-2), t.AddDays(-7).AddSeconds(2), Frames, default);
        await storage.Cameras.AppendDetectionsAsync("cam-1", "new", t.AddSeconds(-3), t, Frames, default);

        Assert.Equal(2, await storage.Cameras.PurgeDetectionsAsync(t.AddDays(-7), default));

        Assert.Equal(2, await storage.Cameras.CountDetectionBatchesAsync("cam-1", t.AddDays(-30), default));
        Assert.Equal(0, await storage.Cameras.CountDetectionBatchesAsync("cam-2", t.AddDays(-30), default));
        Assert.Equal(0, await storage.Cameras.PurgeDetectionsAsync(t.AddDays(-7), default));

        // Once purged, the batch id is free again; a kept one is still recognised as a retry.
        Assert.Equal(AppendOutcome.Stored, await storage.Cameras.AppendDetectionsAsync("cam-2", "old", t, t, Frames, default));
        Assert.Equal(AppendOutcome.Duplicate, await storage.Cameras.AppendDetectionsAsync("cam-1", "straddling", t, t, Frames, default));
    }

    [ContractFact]
    public async Task Hospital_is_added_once_updated_and_read_back_with_audit()
    {
        await using var storage = await OpenAsync();
        var general = Hospital("h-2", Vigil.Platform.Hospitals.EdStatus.Open, 12);
        Assert.True(await storage.Hospitals.AddAsync(general, Samples.Audit("hospital.register", "hospital", "h-2"), default));
        Assert.True(await storage.Hospitals.AddAsync(Hospital("h-1", Vigil.Platform.Hospitals.EdStatus.Closed, 0), Samples.Audit("hospital.register", "hospital", "h-1"), default));
        Assert.False(await storage.Hospitals.AddAsync(Hospital("h-2", Vigil.Platform.Hospitals.EdStatus.Closed, 1), Samples.Audit("hospital.register", "hospital", "h-2"), default));
        Assert.Equal(general, await storage.Hospitals.GetAsync("h-2", default));

        var diverting = general with { EdStatus = Vigil.Platform.Hospitals.EdStatus.Diverting, FreeBeds = 3, UpdatedAt = Samples.Now.AddMinutes(5), UpdatedBy = "nurse" };
        Assert.True(await storage.Hospitals.UpdateAsync(diverting, Samples.Audit("hospital.capacity", "hospital", "h-2"), default));
        Assert.False(await storage.Hospitals.UpdateAsync(Hospital("h-9", Vigil.Platform.Hospitals.EdStatus.Open, 1), Samples.Audit("hospital.capacity", "hospital", "h-9"), default));

        var listed = await storage.Hospitals.ListAsync(default);
        Assert.Equal(["h-1", "h-2"], listed.Select(h => h.Id));
        Assert.Equal(diverting, listed[1]);
        Assert.False(listed[1].HasCapacity);
        Assert.Null(await storage.Hospitals.GetAsync("h-9", default));
        var trail = await storage.Audit.ListAsync(0, 100, "hospital", "h-2", default);
        Assert.Equal(["hospital.register", "hospital.capacity"], trail.Select(e => e.Record.Action));
    }

    [ContractFact]
    public async Task Hospital_capacity_change_is_stored_with_its_feed_event_in_one_transaction()
    {
        await using var storage = await OpenAsync();
        var general = Hospital("h-1", Vigil.Platform.Hospitals.EdStatus.Open, 12);
        Assert.True(await storage.Hospitals.AddAsync(general, Samples.Audit("hospital.register", "hospital", "h-1"), default));
        var full = general with { FreeBeds = 0, UpdatedAt = Samples.Now.AddMinutes(5) };

        var record = await storage.Hospitals.UpdateAndAnnounceAsync(full, Samples.Audit("hospital.capacity", "hospital", "h-1"), "hospital.updated", "{\"id\":\"h-1\"}", default);
        Assert.NotNull(record);
        Assert.Equal(("hospital.updated", "{\"id\":\"h-1\"}"), (record.Type, record.Json));
        Assert.Equal(full, await storage.Hospitals.GetAsync("h-1", default));
        var feed = await storage.Operations.ReadFeedAsync(0, 10, default);
        Assert.Equal(record.Seq, Assert.Single(feed).Seq);

        // No such hospital: nothing written, no event, no audit.
        Assert.Null(await storage.Hospitals.UpdateAndAnnounceAsync(Hospital("h-9", Vigil.Platform.Hospitals.EdStatus.Open, 1), Samples.Audit("hospital.capacity", "hospital", "h-9"), "hospital.updated", "{}", default));
        Assert.Single(await storage.Operations.ReadFeedAsync(0, 10, default));
        Assert.Empty(await storage.Audit.ListAsync(0, 100, "hospital", "h-9", default));
    }

    private static Vigil.Platform.Hospitals.HospitalView Hospital(string id, Vigil.Platform.Hospitals.EdStatus status, int beds) =>
        new(id, "Mater Dei " + id, new GeoView(35.902, 14.478), status, beds, Samples.Now, "admin");

    private static Vigil.Platform.Cameras.CameraConfigView CameraConfig(string id, int width, string zone) => new(
        id,
        new Vigil.Platform.Cameras.CameraConfigRequest(
            width,
            720,
            15,
            [new(0, 720, 0, 0), new(width, 720, 10, 0), new(width, 0, 10, 8), new(0, 0, 0, 8)],
            [new Vigil.Platform.Cameras.CameraZoneView(zone, [[0, 0], [4, 0], [4, 5], [0, 5]], Vigil.CameraAnalytics.Behaviour.CoordinateSpace.Ground)],
            [new Vigil.Platform.Cameras.CameraRuleView("linger", Vigil.CameraAnalytics.Behaviour.BehaviourKind.Loitering, zone, Seconds: 30)]),
        Samples.Now);
    [ContractFact]
    public async Task Detector_state_is_saved_per_device_replaced_loaded_by_id_and_deleted()
    {
        await using var storage = await OpenAsync();
        var at = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        Assert.Null(await storage.DetectorState.LoadAsync("feeder-1", default));
        Assert.Empty(await storage.DetectorState.LoadAllAsync(default));

        await storage.DetectorState.SaveAsync(
            [new DetectorSnapshot("feeder-1", at, [1, 2, 3]), new DetectorSnapshot("main-7", at, [0, 255, 0, 9])], default);
        await storage.DetectorState.SaveAsync([new DetectorSnapshot("feeder-1", at.AddMinutes(5), [4, 5])], default);

        var feeder = await storage.DetectorState.LoadAsync("feeder-1", default);
        Assert.NotNull(feeder);
        Assert.Equal(at.AddMinutes(5), feeder.SavedAt);
        Assert.Equal([4, 5], feeder.State);
        var all = await storage.DetectorState.LoadAllAsync(default);
        Assert.Equal(["feeder-1", "main-7"], all.Select(s => s.DeviceId));
        Assert.Equal([0, 255, 0, 9], all[1].State);

        Assert.True(await storage.DetectorState.DeleteAsync("feeder-1", default));
        Assert.False(await storage.DetectorState.DeleteAsync("feeder-1", default));
        Assert.Null(await storage.DetectorState.LoadAsync("feeder-1", default));
        Assert.Single(await storage.DetectorState.LoadAllAsync(default));
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
