using System.Text.Json;
using Vigil.Platform.Contracts;
using Vigil.Platform.Operations;

namespace Vigil.Platform.Tests;

/// <summary>
/// The desk holder's half of desk-command forwarding: every command it hands to the desk is marked forwarded (so the
/// desk records it, see <see cref="DeskCommandRelayTests"/>), and a second delivery of one it ran is answered from memory.
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

        var first = Read(await inbox.HandleAsync(body, CancellationToken.None));
        var second = Read(await inbox.HandleAsync(body, CancellationToken.None));

        Assert.Single(desk.Received);
        Assert.Equal("run 1", first.Message);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Command_is_handed_to_the_desk_as_forwarded_even_from_a_sender_that_left_the_attempt_out()
    {
        var desk = new RecordingDesk(_ => new DeskReply(DeskFailure.None, null));
        var inbox = new DeskCommandInbox(desk);
        var retried = DeskCommand.Acknowledge(6, "alice") with { Attempt = 2 };

        await inbox.HandleAsync(Body(DeskCommand.Acknowledge(5, "alice")), CancellationToken.None);
        await inbox.HandleAsync(Body(retried), CancellationToken.None);

        Assert.Equal([1, 2], desk.Received.Select(c => c.Attempt ?? 0).ToArray());
        Assert.All(desk.Received, c => Assert.True(c.IsForwarded));
    }

    [Fact]
    public async Task Unreadable_command_is_answered_invalid_and_not_run()
    {
        var desk = new RecordingDesk(_ => new DeskReply(DeskFailure.None, null));
        var inbox = new DeskCommandInbox(desk);

        var garbage = Read(await inbox.HandleAsync("{\"id\":"u8.ToArray(), CancellationToken.None));
        var anonymous = Read(await inbox.HandleAsync(Body(new DeskCommand("c1", DeskCommandKind.AcknowledgeAlarm, string.Empty, AlarmId: 1)), CancellationToken.None));

        Assert.Equal(DeskFailure.Invalid, garbage.Failure);
        Assert.Equal(DeskFailure.Invalid, anonymous.Failure);
        Assert.Empty(desk.Received);
    }

    [Fact]
    public async Task Desk_failing_its_round_is_answered_unavailable()
    {
        var inbox = new DeskCommandInbox(new RecordingDesk(_ => throw new IOException("disk full")));

        var reply = Read(await inbox.HandleAsync(Body(DeskCommand.Acknowledge(5, "alice")), CancellationToken.None));

        Assert.Equal(DeskFailure.Unavailable, reply.Failure);
        Assert.Contains("not applied", reply.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Memory_forgets_the_oldest_commands_beyond_its_capacity()
    {
        var desk = new RecordingDesk(_ => new DeskReply(DeskFailure.None, null));
        var inbox = new DeskCommandInbox(desk, capacity: 2);
        var oldest = Body(DeskCommand.Acknowledge(1, "alice"));
        await inbox.HandleAsync(oldest, CancellationToken.None);
        await inbox.HandleAsync(Body(DeskCommand.Acknowledge(2, "alice")), CancellationToken.None);
        await inbox.HandleAsync(Body(DeskCommand.Acknowledge(3, "alice")), CancellationToken.None);

        // Forgotten, so a redelivery of it goes to the desk again, which answers it from its stored record.
        await inbox.HandleAsync(oldest, CancellationToken.None);

        Assert.Equal(4, desk.Received.Count);
        Assert.Equal(desk.Received[0].Id, desk.Received[3].Id);
    }

    private static byte[] Body(DeskCommand command) => JsonSerializer.SerializeToUtf8Bytes(command, VigilJson.Default.DeskCommand);

    private static DeskReply Read(byte[] body) => JsonSerializer.Deserialize(body, VigilJson.Default.DeskReply)!;
}
