using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Vigil.Detection.Rules;
using Vigil.Domain.Alarms;
using Vigil.Domain.Geo;
using Vigil.Domain.Incidents;
using Vigil.Domain.Units;
using Vigil.Platform.Configuration;
using Vigil.Platform.Contracts;
using Vigil.Platform.Diagnostics;
using Vigil.Platform.Feed;
using Vigil.Platform.Ingest;
using Vigil.Platform.Operations;
using Vigil.Platform.Ports;
using Vigil.Storage.Sqlite;

namespace Vigil.Platform.Tests;

/// <summary>
/// Two real desks over one database, as on two nodes, with the broker replaced by a direct hand-over: commands given
/// to the node without the lease are run by the holder's desk, answered as that desk answers them, and audited under
/// the operator who gave them.
/// </summary>
public sealed class DeskCommandRelayTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "vigil-relay-" + Guid.NewGuid().ToString("n"));
    private readonly CancellationTokenSource _stop = new();
    private readonly List<OperationsDesk> _desks = [];
    private SqliteDatabase _database = null!;
    private SqliteOperationsStore _store = null!;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _database = new SqliteDatabase(new SqliteOptions { DatabasePath = Path.Combine(_directory, "vigil.db") });
        _store = new SqliteOperationsStore(_database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var desk in _desks)
        {
            await desk.StopAsync(CancellationToken.None);
            desk.Dispose();
        }

        _stop.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Commands_given_to_the_node_without_the_lease_run_on_the_holder_under_the_operators_name()
    {
        var holder = await StartDeskAsync(new DeskLease(held: true));
        var otherLease = new DeskLease(held: false);
        var other = await StartDeskAsync(otherLease);
        var forwarder = Relay(other, otherLease, new DeskCommandInbox(holder));

        var created = await forwarder.SendAsync(DeskCommand.Create(new NewIncident("fire", 2, new GeoPoint(45.52, -122.68), "Smoke", null), "alice"), CancellationToken.None);
        var moved = await forwarder.SendAsync(DeskCommand.Transition(created.Incident!.Id, IncidentStatus.Acknowledged, null, "bob"), CancellationToken.None);

        Assert.True(created.Succeeded);
        Assert.Equal(IncidentStatus.Acknowledged, moved.Incident!.Status);
        var audit = await new SqliteAuditStore(_database).ListAsync(0, 100, "incident", null, CancellationToken.None);
        Assert.Equal(["alice", "bob"], audit.Select(e => e.Record.Actor).ToArray());
        Assert.Equal(IncidentStatus.Acknowledged, (await _store.GetIncidentAsync(created.Incident.Id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Command_committed_by_a_holder_that_died_before_replying_is_answered_from_its_record_and_applied_once()
    {
        var firstLease = new DeskLease(held: true);
        var first = await StartDeskAsync(firstLease);
        var nextLease = new DeskLease(held: false);
        var next = await StartDeskAsync(nextLease);
        var command = DeskCommand.Create(new NewIncident("fire", 2, new GeoPoint(45.52, -122.68), "Smoke", null), "alice") with { Attempt = 1 };
        var body = JsonSerializer.SerializeToUtf8Bytes(command, VigilJson.Default.DeskCommand);

        // The first holder commits the command; its reply is lost with it.
        var applied = await new DeskCommandInbox(first).HandleAsync(body, CancellationToken.None);
        firstLease.Revoke();
        nextLease.Grant();

        // The broker redelivers the unacknowledged message to the next holder, whose inbox never saw it, and the
        // caller's one retry (same id) arrives as well.
        var redelivered = await new DeskCommandInbox(next).HandleAsync(body, CancellationToken.None);
        var retried = await next.SendAsync(command with { Attempt = 2 }, CancellationToken.None);

        var reply = JsonSerializer.Deserialize(applied, VigilJson.Default.DeskReply)!;
        Assert.True(reply.Succeeded);
        Assert.Equal(Text(applied), Text(redelivered));
        Assert.Equal(Text(applied), Text(JsonSerializer.SerializeToUtf8Bytes(retried, VigilJson.Default.DeskReply)));
        Assert.Single(await _store.ListIncidentsAsync(new IncidentQuery(), CancellationToken.None));
        var audit = await new SqliteAuditStore(_database).ListAsync(0, 100, "incident", null, CancellationToken.None);
        Assert.Equal(["incident.create"], audit.Select(e => e.Record.Action).ToArray());
        Assert.NotNull(await _store.FindAppliedCommandAsync(command.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Command_given_on_the_holders_own_node_or_refused_leaves_no_record()
    {
        var holder = await StartDeskAsync(new DeskLease(held: true));
        var direct = DeskCommand.Create(new NewIncident("fire", 2, new GeoPoint(45.52, -122.68), "Smoke", null), "alice");
        var refused = DeskCommand.Acknowledge(999, "bob") with { Attempt = 1 };

        Assert.True((await holder.SendAsync(direct, CancellationToken.None)).Succeeded);
        Assert.Equal(DeskFailure.NotFound, (await holder.SendAsync(refused, CancellationToken.None)).Failure);

        Assert.Null(await _store.FindAppliedCommandAsync(direct.Id, CancellationToken.None));
        Assert.Null(await _store.FindAppliedCommandAsync(refused.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Bad_command_forwarded_is_refused_exactly_as_the_holder_refuses_it_directly()
    {
        var holder = await StartDeskAsync(new DeskLease(held: true));
        var otherLease = new DeskLease(held: false);
        var forwarder = Relay(await StartDeskAsync(otherLease), otherLease, new DeskCommandInbox(holder));
        var created = await holder.SendAsync(DeskCommand.Create(new NewIncident("fire", 2, new GeoPoint(45.52, -122.68), "Smoke", null), "alice"), CancellationToken.None);

        // Closing an incident that is not resolved is not allowed; an unknown incident is not found.
        var direct = await holder.SendAsync(DeskCommand.Transition(created.Incident!.Id, IncidentStatus.Closed, null, "bob"), CancellationToken.None);
        var forwarded = await forwarder.SendAsync(DeskCommand.Transition(created.Incident.Id, IncidentStatus.Closed, null, "bob"), CancellationToken.None);
        var missingDirect = await holder.SendAsync(DeskCommand.Acknowledge(999, "bob"), CancellationToken.None);
        var missingForwarded = await forwarder.SendAsync(DeskCommand.Acknowledge(999, "bob"), CancellationToken.None);

        Assert.Equal(DeskFailure.Invalid, direct.Failure);
        Assert.Equal(direct, forwarded);
        Assert.Equal(DeskFailure.NotFound, missingDirect.Failure);
        Assert.Equal(missingDirect, missingForwarded);
    }

    [Fact]
    public async Task Outbreak_alarms_found_on_the_node_without_the_lease_are_raised_by_the_holder_once_per_series_and_period()
    {
        var holder = await StartDeskAsync(new DeskLease(held: true));
        var otherLease = new DeskLease(held: false);
        var forwarder = Relay(await StartDeskAsync(otherLease), otherLease, new DeskCommandInbox(holder));
        var evidence = new OutbreakEvidence("ili", "Harbour", "Day", new DateOnly(2026, 11, 20), "ears-c2", 41, 12.5, 27.25);
        OutbreakSignal[] signals = [new(evidence, new GeoView(45.52, -122.68))];

        var first = await forwarder.SendAsync(DeskCommand.RaiseOutbreakAlarms(signals, "analyst-upload"), CancellationToken.None);
        var again = await forwarder.SendAsync(DeskCommand.RaiseOutbreakAlarms(signals, "analyst-upload"), CancellationToken.None);

        Assert.True(first.Succeeded);
        var alarm = Assert.Single(first.Alarms!);
        Assert.Null(alarm.DeviceId);
        Assert.Equal(41, alarm.Outbreak!.Observed);
        Assert.Equal(27.25, alarm.Outbreak.UpperBound);
        Assert.True(again.Succeeded);
        Assert.Empty(again.Alarms!);
        Assert.NotNull(await _store.GetAlarmAsync(alarm.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Units_registered_on_the_node_without_the_lease_are_registered_by_the_holder_but_never_cut_from_an_incident()
    {
        var holder = await StartDeskAsync(new DeskLease(held: true));
        var otherLease = new DeskLease(held: false);
        var forwarder = Relay(await StartDeskAsync(otherLease), otherLease, new DeskCommandInbox(holder));
        var station = new GeoView(45.51, -122.66);
        UnitView Unit(string callSign) => new("E-7", callSign, "fire", UnitKind.Fire, UnitStatus.Available, station, station, null, DateTimeOffset.UnixEpoch);

        var registered = await forwarder.SendAsync(DeskCommand.RegisterUnits([Unit("Engine 7")], "admin"), CancellationToken.None);
        var incident = await forwarder.SendAsync(DeskCommand.Create(new NewIncident("fire", 2, new GeoPoint(45.52, -122.68), "Smoke", null), "alice"), CancellationToken.None);
        var dispatched = await forwarder.SendAsync(DeskCommand.Dispatch(incident.Incident!.Id, "E-7", "dave"), CancellationToken.None);
        var replaced = await forwarder.SendAsync(DeskCommand.RegisterUnits([Unit("Engine 7B")], "admin"), CancellationToken.None);

        Assert.Equal("Engine 7", Assert.Single(registered.Units!).CallSign);
        Assert.True(dispatched.Succeeded);
        Assert.Equal(DeskFailure.Invalid, replaced.Failure);
        Assert.Contains("committed to incident", replaced.Message, StringComparison.Ordinal);
        var stored = Assert.Single(await _store.ListUnitsAsync(CancellationToken.None));
        Assert.Equal(("Engine 7", UnitStatus.Dispatched), (stored.CallSign, stored.Status));
        var audit = await new SqliteAuditStore(_database).ListAsync(0, 100, "unit", null, CancellationToken.None);
        Assert.Equal(["admin", "dave"], audit.Select(e => e.Record.Actor).ToArray());
    }

    [Fact]
    public async Task Command_lacking_a_field_its_kind_needs_is_refused_invalid_and_changes_nothing()
    {
        var holder = await StartDeskAsync(new DeskLease(held: true));

        // What only a node of another version could send: the APIs check every field before building a command.
        var reply = await holder.SendAsync(new DeskCommand("c1", DeskCommandKind.Dispatch, "alice", IncidentId: 1), CancellationToken.None);
        var noChange = await holder.SendAsync(new DeskCommand("c2", DeskCommandKind.UpdateUnit, "alice", UnitId: "E1"), CancellationToken.None);

        Assert.Equal(DeskFailure.Invalid, reply.Failure);
        Assert.Contains("Dispatch", reply.Message, StringComparison.Ordinal);
        Assert.Equal(DeskFailure.Invalid, noChange.Failure);
        Assert.Empty(await new SqliteAuditStore(_database).ListAsync(0, 100, null, null, CancellationToken.None));
    }

    private static string Text(byte[] json) => System.Text.Encoding.UTF8.GetString(json);

    private static DeskCommandForwarder Relay(OperationsDesk local, DeskLease lease, DeskCommandInbox holder)
    {
        DeskCommandForwarder forwarder = null!;
        forwarder = new DeskCommandForwarder(local, lease, async (id, body, _, ct) =>
        {
            var reply = await holder.HandleAsync(body.ToArray(), ct);
            forwarder.Complete(id, reply);
        }, TimeSpan.FromSeconds(30), TimeProvider.System, NullLogger.Instance);
        return forwarder;
    }

    private async Task<OperationsDesk> StartDeskAsync(DeskLease lease)
    {
        var desk = new OperationsDesk(
            _store,
            new InProcessLiveFeed(),
            new RuleBook([]),
            new DeviceRegistry(),
            Options.Create(new OperationsOptions()),
            TimeProvider.System,
            new VigilMetrics(),
            NullLogger<OperationsDesk>.Instance,
            lease);
        _desks.Add(desk);
        await desk.StartAsync(_stop.Token);
        await desk.Ready.WaitAsync(TimeSpan.FromSeconds(30));
        return desk;
    }
}
