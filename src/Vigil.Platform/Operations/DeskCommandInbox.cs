using System.Text.Json;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;

namespace Vigil.Platform.Operations;

/// <summary>
/// The desk holder's half of desk-command forwarding: runs each forwarded command at most once. It remembers the
/// replies of the last commands it ran, so a command delivered twice to this node is answered twice from one run; and
/// it refuses a command the transport marks as redelivered that it has not run itself, because a previous desk holder
/// may have run it before it died (its caller gets a 503 and checks before retrying, rather than a duplicate).
/// </summary>
public sealed class DeskCommandInbox
{
    /// <summary>
    /// Far more commands than a city's operators issue in the seconds a duplicate delivery can take to arrive, while
    /// keeping the memory small (an id and a reply each).
    /// </summary>
    public const int DefaultCapacity = 4096;

    private readonly IDeskCommandChannel _desk;
    private readonly int _capacity;
    private readonly Dictionary<string, Task<DeskReply>> _recent = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Lock _gate = new();

    /// <param name="desk">The desk itself (never a forwarding channel, or commands would circle).</param>
    public DeskCommandInbox(IDeskCommandChannel desk, int capacity = DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(desk);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _desk = desk;
        _capacity = capacity;
    }

    /// <summary>Runs a forwarded command (its JSON) and returns the reply's JSON for its caller.</summary>
    public async Task<byte[]> HandleAsync(ReadOnlyMemory<byte> body, bool redelivered, CancellationToken cancellationToken)
    {
        DeskReply reply;
        try
        {
            reply = await RunAsync(body, redelivered, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The desk logged the failed round and committed nothing of it; its caller learns that much.
            reply = DeskReply.Unavailable($"The operations desk could not commit the command ({ex.GetType().Name}); it was not applied. Retry shortly.");
        }

        return JsonSerializer.SerializeToUtf8Bytes(reply, VigilJson.Default.DeskReply);
    }

    private Task<DeskReply> RunAsync(ReadOnlyMemory<byte> body, bool redelivered, CancellationToken cancellationToken)
    {
        DeskCommand? command;
        try
        {
            command = JsonSerializer.Deserialize(body.Span, VigilJson.Default.DeskCommand);
        }
        catch (JsonException)
        {
            command = null;
        }

        if (command is null || string.IsNullOrEmpty(command.Id) || string.IsNullOrEmpty(command.Actor))
        {
            return Task.FromResult(DeskReply.Invalid("The forwarded desk command could not be read (nodes of different versions?)."));
        }

        lock (_gate)
        {
            if (_recent.TryGetValue(command.Id, out var earlier))
            {
                return earlier;
            }

            if (redelivered)
            {
                return Task.FromResult(DeskReply.Unavailable(
                    "The operations desk changed hands while this command was in flight, so it may or may not have been applied. " +
                    "Check the alarm, incident or unit before retrying."));
            }

            var run = _desk.SendAsync(command, cancellationToken);
            _recent[command.Id] = run;
            _order.Enqueue(command.Id);
            if (_order.Count > _capacity)
            {
                _recent.Remove(_order.Dequeue());
            }

            return run;
        }
    }
}
