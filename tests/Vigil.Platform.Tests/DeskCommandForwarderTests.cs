using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Vigil.Domain.Geo;
using Vigil.Domain.Incidents;
using Vigil.Platform.Contracts;
using Vigil.Platform.Operations;
using Vigil.Platform.Ports;

namespace Vigil.Platform.Tests;

/// <summary>
/// The caller's half of desk-command forwarding, with a fake desk and a fake transport: a command runs locally while
/// this node holds the lease, is published otherwise, and is answered with the holder's reply or a 503-style
/// Unavailable when none comes.
/// </summary>
public sealed class DeskCommandForwarderTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Command_on_the_lease_holder_runs_on_the_local_desk_and_is_not_published()
    {
        var local = new RecordingDesk(_ => Found(7));
        var published = new List<string>();
        var forwarder = Forwarder(local, new DeskLease(held: true), (id, _, _, _) =>
        {
            published.Add(id);
            return ValueTask.CompletedTask;
        });

        var reply = await forwarder.SendAsync(DeskCommand.Acknowledge(7, "alice"), CancellationToken.None);

        Assert.True(reply.Succeeded);
        Assert.Equal(7, reply.Alarm!.Id);
        Assert.Equal("alice", Assert.Single(local.Received).Actor);
        Assert.Empty(published);
    }

    [Fact]
    public async Task Command_off_the_holder_is_published_with_its_id_and_answered_with_the_holders_reply()
    {
        var local = new RecordingDesk(_ => throw new InvalidOperationException("the local desk must not run it"));
        var holder = new RecordingDesk(_ => Found(7));
        var inbox = new DeskCommandInbox(holder);
        DeskCommandForwarder forwarder = null!;
        TimeSpan? timeToLive = null;
        forwarder = Forwarder(local, new DeskLease(held: false), async (id, body, ttl, ct) =>
        {
            timeToLive = ttl;

            // What the transport does on the holder's side, and then back on this one.
            var replyBody = await inbox.HandleAsync(body.ToArray(), ct);
            _ = Task.Run(() => forwarder.Complete(id, replyBody));
        });

        var command = DeskCommand.Acknowledge(7, "alice");
        var reply = await forwarder.SendAsync(command, CancellationToken.None);

        Assert.True(reply.Succeeded);
        Assert.Equal(7, reply.Alarm!.Id);
        var ran = Assert.Single(holder.Received);
        Assert.Equal(command with { Attempt = 1 }, ran);
        Assert.Equal(Timeout, timeToLive);
        Assert.Equal(0, forwarder.Pending);
    }

    [Fact]
    public async Task Refusal_by_the_holder_is_returned_as_the_holder_gave_it()
    {
        var holder = new RecordingDesk(_ => new DeskReply(DeskFailure.Invalid, "Alarm 7 is already acknowledged."));
        var forwarder = Relay(new DeskLease(held: false), new DeskCommandInbox(holder));

        var reply = await forwarder.SendAsync(DeskCommand.Acknowledge(7, "alice"), CancellationToken.None);

        Assert.Equal(DeskFailure.Invalid, reply.Failure);
        Assert.Equal("Alarm 7 is already acknowledged.", reply.Message);
    }

    [Fact]
    public async Task Lease_lost_before_the_local_desk_ran_the_command_forwards_it()
    {
        var local = new RecordingDesk(_ => DeskReply.Unavailable("Another Vigil node holds the operations desk."));
        var holder = new RecordingDesk(_ => Found(3));
        var inbox = new DeskCommandInbox(holder);
        DeskCommandForwarder forwarder = null!;
        forwarder = Forwarder(local, new DeskLease(held: true), async (id, body, _, ct) =>
        {
            var replyBody = await inbox.HandleAsync(body.ToArray(), ct);
            forwarder.Complete(id, replyBody);
        });

        var reply = await forwarder.SendAsync(DeskCommand.Acknowledge(3, "bob"), CancellationToken.None);

        Assert.True(reply.Succeeded);
        Assert.Single(local.Received);
        Assert.Single(holder.Received);
    }

    [Fact]
    public async Task No_reply_is_sent_once_more_with_the_same_id_then_gives_unavailable_and_forgets_the_command()
    {
        var published = new List<DeskCommand>();
        var forwarder = new DeskCommandForwarder(
            new RecordingDesk(_ => Found(1)), new DeskLease(held: false), (_, body, _, _) =>
            {
                published.Add(JsonSerializer.Deserialize(body.Span, VigilJson.Default.DeskCommand)!);
                return ValueTask.CompletedTask;
            },
            TimeSpan.FromMilliseconds(50), TimeProvider.System, NullLogger.Instance);

        var command = DeskCommand.Acknowledge(1, "alice");
        var reply = await forwarder.SendAsync(command, CancellationToken.None);

        Assert.Equal(DeskFailure.Unavailable, reply.Failure);
        Assert.Contains("twice", reply.Message, StringComparison.Ordinal);
        Assert.Equal([(command.Id, 1), (command.Id, 2)], published.Select(c => (c.Id, c.Attempt ?? 0)).ToArray());
        Assert.Equal(0, forwarder.Pending);
        Assert.False(forwarder.Complete(command.Id, JsonSerializer.SerializeToUtf8Bytes(Found(1), VigilJson.Default.DeskReply)));
    }

    [Fact]
    public async Task Holder_lost_with_the_command_is_retried_once_with_the_same_id_and_answered_by_the_next_holder()
    {
        var attempts = new List<int?>();
        var inbox = new DeskCommandInbox(new RecordingDesk(c =>
        {
            attempts.Add(c.Attempt);

            // The first holder lost the desk before its round; the second one applies the command.
            return attempts.Count == 1 ? DeskReply.Unavailable("This Vigil node does not hold the operations desk.") : Found(4);
        }));
        var forwarder = Relay(new DeskLease(held: false), inbox);

        var reply = await forwarder.SendAsync(DeskCommand.Acknowledge(4, "alice"), CancellationToken.None);

        Assert.True(reply.Succeeded);
        Assert.Equal(4, reply.Alarm!.Id);
        Assert.Equal([1, 2], attempts.ToArray());
    }

    [Fact]
    public async Task Retry_finding_the_lease_come_to_this_node_runs_on_the_local_desk_as_a_forwarded_command()
    {
        var lease = new DeskLease(held: false);
        var local = new RecordingDesk(_ => Found(9));
        var forwarder = new DeskCommandForwarder(local, lease, (_, _, _, _) =>
        {
            // The holder took the command and died; the desk comes to this node meanwhile.
            lease.Grant();
            return ValueTask.CompletedTask;
        }, TimeSpan.FromMilliseconds(50), TimeProvider.System, NullLogger.Instance);

        var command = DeskCommand.Acknowledge(9, "alice");
        var reply = await forwarder.SendAsync(command, CancellationToken.None);

        Assert.True(reply.Succeeded);
        var ran = Assert.Single(local.Received);
        Assert.Equal((command.Id, (int?)2), (ran.Id, ran.Attempt));
    }

    [Fact]
    public async Task Broker_refusing_the_retry_does_not_claim_the_command_was_not_applied()
    {
        var publishes = 0;
        var forwarder = new DeskCommandForwarder(
            new RecordingDesk(_ => Found(1)), new DeskLease(held: false), (_, _, _, _) =>
                ++publishes == 1 ? ValueTask.CompletedTask : throw new IOException("connection reset"),
            TimeSpan.FromMilliseconds(50), TimeProvider.System, NullLogger.Instance);

        var reply = await forwarder.SendAsync(DeskCommand.Acknowledge(1, "alice"), CancellationToken.None);

        Assert.Equal(2, publishes);
        Assert.Equal(DeskFailure.Unavailable, reply.Failure);
        Assert.Contains("check the alarm, incident or unit", reply.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("it was not applied", reply.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Broker_refusing_the_command_gives_unavailable_at_once()
    {
        var forwarder = Forwarder(new RecordingDesk(_ => Found(1)), new DeskLease(held: false), (_, _, _, _) => throw new IOException("connection reset"));

        var reply = await forwarder.SendAsync(DeskCommand.Acknowledge(1, "alice"), CancellationToken.None);

        Assert.Equal(DeskFailure.Unavailable, reply.Failure);
        Assert.Contains("not applied", reply.Message, StringComparison.Ordinal);
        Assert.Equal(0, forwarder.Pending);
    }

    [Fact]
    public void Reply_for_no_waiting_command_is_ignored()
    {
        var forwarder = Forwarder(new RecordingDesk(_ => Found(1)), new DeskLease(held: false), (_, _, _, _) => ValueTask.CompletedTask);
        var body = JsonSerializer.SerializeToUtf8Bytes(Found(1), VigilJson.Default.DeskReply);

        Assert.False(forwarder.Complete("no-such-command", body));
        Assert.False(forwarder.Complete(null, body));
    }

    [Fact]
    public async Task Unreadable_reply_gives_unavailable()
    {
        DeskCommandForwarder forwarder = null!;
        forwarder = Forwarder(new RecordingDesk(_ => Found(1)), new DeskLease(held: false), (id, _, _, _) =>
        {
            forwarder.Complete(id, "{not json"u8);
            return ValueTask.CompletedTask;
        });

        var reply = await forwarder.SendAsync(DeskCommand.Acknowledge(1, "alice"), CancellationToken.None);

        Assert.Equal(DeskFailure.Unavailable, reply.Failure);
    }

    [Fact]
    public void Command_json_keeps_its_field_names_and_enum_names()
    {
        // Nodes of one deployment exchange this format; a rolling upgrade needs it stable.
        var command = new DeskCommand("c1", DeskCommandKind.TransitionIncident, "alice", IncidentId: 4, Status: IncidentStatus.OnScene, Reason: "arrived");

        var json = JsonSerializer.Serialize(command, VigilJson.Default.DeskCommand);

        Assert.Equal("""{"id":"c1","kind":"TransitionIncident","actor":"alice","incidentId":4,"status":"OnScene","reason":"arrived"}""", json);
        Assert.Equal(command, JsonSerializer.Deserialize(json, VigilJson.Default.DeskCommand));
        Assert.EndsWith(
            """"reason":"arrived","attempt":2}"""",
            JsonSerializer.Serialize(command with { Attempt = 2 }, VigilJson.Default.DeskCommand),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Command_factories_carry_every_field_the_desk_needs()
    {
        var create = DeskCommand.Create(new NewIncident("fire", 2, new GeoPoint(45.5, -122.6), "Smoke", "caller on scene"), "carol");

        Assert.Equal(DeskCommandKind.CreateIncident, create.Kind);
        Assert.Equal(("fire", 2, "Smoke", "caller on scene"), (create.Type, create.Priority, create.Title, create.Text));
        Assert.Equal(new GeoView(45.5, -122.6), create.Location);
        Assert.NotEqual(DeskCommand.Acknowledge(1, "a").Id, DeskCommand.Acknowledge(1, "a").Id);
    }

    private static DeskReply Found(long alarmId) => new(DeskFailure.None, null, Alarm: TestAlarm(alarmId));

    private static AlarmView TestAlarm(long id) => new(
        id, "gunshot", "dev-1", "impulse_db", Domain.Alarms.AlarmCategory.Emergency, Domain.Alarms.Severity.Critical, Domain.Alarms.AlarmState.Active,
        new GeoView(45.5, -122.6), new Domain.Alarms.AlarmExplanation("impulse above 140 dB", "141.5 dB", null), "gunshot", null,
        DateTimeOffset.UnixEpoch, null, null, null, 0, null);

    private static DeskCommandForwarder Forwarder(IDeskCommandChannel local, DeskLease lease, DeskCommandForwarder.PublishCommand publish) =>
        new(local, lease, publish, Timeout, TimeProvider.System, NullLogger.Instance);

    private static DeskCommandForwarder Relay(DeskLease lease, DeskCommandInbox inbox)
    {
        DeskCommandForwarder forwarder = null!;
        forwarder = Forwarder(new RecordingDesk(_ => throw new InvalidOperationException("not the holder")), lease, async (id, body, _, ct) =>
        {
            var replyBody = await inbox.HandleAsync(body.ToArray(), ct);
            forwarder.Complete(id, replyBody);
        });
        return forwarder;
    }
}
