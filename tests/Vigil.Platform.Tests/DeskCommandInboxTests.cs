using System.Text.Json;
using Vigil.Platform.Contracts;
using Vigil.Platform.Operations;

namespace Vigil.Platform.Tests;

/// <summary>
/// The desk holder's half of desk-command forwarding runs a command at most once: a second delivery of one it ran is
/// answered from memory, and a redelivered command it never ran (a previous holder may have) is refused unrun.
/// </summary>
public sealed class DeskCommandInboxTests
{
    [Fact]
    public async Task Command_delivered_twice_runs_once_and_both_deliveries_get_its_reply()
    {
        var calls = 0;
        var desk = new RecordingDesk(_ => new DeskReply(DeskFailure.None, $"run {Interlocked.Increment(ref calls)}"));
        var inbox = new DeskCommandInbox(desk);
        var body = Body(DeskCommand.Acknowledge(5, "alice"));

        var first = Read(await inbox.HandleAsync(body, redelivered: false, CancellationToken.None));
        var second = Read(await inbox.HandleAsync(body, redelivered: true, CancellationToken.None));

        Assert.Single(desk.Received);
        Assert.Equal("run 1", first.Message);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Redelivered_command_this_node_never_ran_is_refused_unrun()
    {
        var desk = new RecordingDesk(_ => new DeskReply(DeskFailure.None, null));
        var inbox = new DeskCommandInbox(desk);

        var reply = Read(await inbox.HandleAsync(Body(DeskCommand.Acknowledge(5, "alice")), redelivered: true, CancellationToken.None));

        Assert.Equal(DeskFailure.Unavailable, reply.Failure);
        Assert.Contains("changed hands", reply.Message, StringComparison.Ordinal);
        Assert.Empty(desk.Received);
    }

    [Fact]
    public async Task Unreadable_command_is_answered_invalid_and_not_run()
    {
        var desk = new RecordingDesk(_ => new DeskReply(DeskFailure.None, null));
        var inbox = new DeskCommandInbox(desk);

        var garbage = Read(await inbox.HandleAsync("{\"id\":"u8.ToArray(), redelivered: false, CancellationToken.None));
        var anonymous = Read(await inbox.HandleAsync(Body(new DeskCommand("c1", DeskCommandKind.AcknowledgeAlarm, string.Empty, AlarmId: 1)), redelivered: false, CancellationToken.None));

        Assert.Equal(DeskFailure.Invalid, garbage.Failure);
        Assert.Equal(DeskFailure.Invalid, anonymous.Failure);
        Assert.Empty(desk.Received);
    }

    [Fact]
    public async Task Desk_failing_its_round_is_answered_unavailable()
    {
        var inbox = new DeskCommandInbox(new RecordingDesk(_ => throw new IOException("disk full")));

        var reply = Read(await inbox.HandleAsync(Body(DeskCommand.Acknowledge(5, "alice")), redelivered: false, CancellationToken.None));

        Assert.Equal(DeskFailure.Unavailable, reply.Failure);
        Assert.Contains("not applied", reply.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Memory_forgets_the_oldest_commands_beyond_its_capacity()
    {
        var desk = new RecordingDesk(_ => new DeskReply(DeskFailure.None, null));
        var inbox = new DeskCommandInbox(desk, capacity: 2);
        var oldest = Body(DeskCommand.Acknowledge(1, "alice"));
        await inbox.HandleAsync(oldest, redelivered: false, CancellationToken.None);
        await inbox.HandleAsync(Body(DeskCommand.Acknowledge(2, "alice")), redelivered: false, CancellationToken.None);
        await inbox.HandleAsync(Body(DeskCommand.Acknowledge(3, "alice")), redelivered: false, CancellationToken.None);

        // Forgotten, so a redelivery of it can no longer be answered from memory and is refused rather than run again.
        var again = Read(await inbox.HandleAsync(oldest, redelivered: true, CancellationToken.None));

        Assert.Equal(3, desk.Received.Count);
        Assert.Equal(DeskFailure.Unavailable, again.Failure);
    }

    private static byte[] Body(DeskCommand command) => JsonSerializer.SerializeToUtf8Bytes(command, VigilJson.Default.DeskCommand);

    private static DeskReply Read(byte[] body) => JsonSerializer.Deserialize(body, VigilJson.Default.DeskReply)!;
}
