using System.Text.Json;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;

namespace Vigil.Platform.Operations;

/// <summary>
/// The desk holder's half of desk-command forwarding. Every command it hands to the desk is marked forwarded, so the
/// desk records it with its effects and answers it from that record if it comes again, from this holder or an earlier
/// one (a redelivery after a holder died, or its caller's retry): each command is applied exactly once. The inbox also
/// remembers the replies of the last commands it ran, so that two deliveries of one command in flight on this node at
/// once share one run rather than race to the desk.
/// </summary>
public sealed class DeskCommandInbox
{
    /// <summary>
    /// Far more commands than a city's operators issue in the seconds a duplicate delivery can take to arrive, while
    /// keeping the memory small (an id and a reply each); older ones are answered from storage.
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
    public async Task<byte[]> HandleAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        DeskReply reply;
        try
        {
            reply = await RunAsync(body, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The desk logged the failed round and committed nothing of it; its caller learns that much.
            reply = DeskReply.Unavailable($"The operations desk could not commit the command ({ex.GetType().Name}); it was not applied. Retry shortly.");
        }

        return JsonSerializer.SerializeToUtf8Bytes(reply, VigilJson.Default.DeskReply);
    }

    private Task<DeskReply> RunAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
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

        TaskCompletionSource<DeskReply> run;
        lock (_gate)
        {
            if (_recent.TryGetValue(command.Id, out var earlier))
            {
                return earlier;
            }

            run = new TaskCompletionSource<DeskReply>(TaskCreationOptions.RunContinuationsAsynchronously);
            _recent[command.Id] = run.Task;
            _order.Enqueue(command.Id);
            if (_order.Count > _capacity)
            {
                _recent.Remove(_order.Dequeue());
            }
        }

        // A sender of an older version leaves the attempt out; it came over the bus all the same.
        _ = RunOnDeskAsync(command.IsForwarded ? command : command with { Attempt = 1 }, run, cancellationToken);
        return run.Task;
    }

    /// <summary>
    /// Runs the command on the desk. One the desk did not apply (it had lost the lease, or its round failed) may come
    /// again and must then run, so it is forgotten before its answer is given.
    /// </summary>
    private async Task RunOnDeskAsync(DeskCommand command, TaskCompletionSource<DeskReply> run, CancellationToken cancellationToken)
    {
        try
        {
            var reply = await _desk.SendAsync(command, cancellationToken).ConfigureAwait(false);
            if (reply.Failure == DeskFailure.Unavailable)
            {
                Forget(command.Id);
            }

            run.TrySetResult(reply);
        }
        catch (OperationCanceledException)
        {
            Forget(command.Id);
            run.TrySetCanceled(cancellationToken);
        }
        catch (Exception ex)
        {
            Forget(command.Id);
            run.TrySetException(ex);
        }
    }

    private void Forget(string commandId)
    {
        lock (_gate)
        {
            _recent.Remove(commandId);
        }
    }
}
