using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;

namespace Vigil.Platform.Operations;

/// <summary>
/// The caller's half of desk-command forwarding, independent of the transport. A command runs on this node's desk
/// when this node holds the lease; otherwise it is published (with its id as correlation id and the timeout as its
/// time to live, so a command nobody took in time is dropped by the broker rather than run late) and the caller waits
/// for the holder's reply, which the transport hands to <see cref="Complete"/>. A holder lost with the command (no
/// reply in time, or a holder that answers it no longer holds the desk) makes it send the same command, same id, once
/// more; the desk's record of applied ids makes that safe. No reply to either gives a 503-style
/// <see cref="DeskFailure.Unavailable"/>.
/// </summary>
public sealed partial class DeskCommandForwarder
{
    /// <summary>
    /// Beyond the command's time to live, to let a command taken just before it expired finish its desk round (a few
    /// milliseconds normally) and be answered, rather than be applied after its caller was told it timed out.
    /// </summary>
    private static readonly TimeSpan ReplyGrace = TimeSpan.FromSeconds(1);

    /// <summary>The bus did not take the command, so it was not applied anywhere: answered at once, never retried.</summary>
    private static readonly DeskReply PublishRefused = DeskReply.Unavailable(
        "The operations desk runs on another Vigil node, and the message bus did not accept the command; it was not applied. Retry shortly.");

    private readonly ConcurrentDictionary<string, TaskCompletionSource<DeskReply>> _pending = new(StringComparer.Ordinal);
    private readonly IDeskCommandChannel _local;
    private readonly DeskLease _lease;
    private readonly PublishCommand _publish;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <param name="local">This node's own desk, used while this node holds <paramref name="lease"/>.</param>
    /// <param name="publish">Sends a command's JSON towards the desk holder; throws when the broker refuses it.</param>
    /// <param name="timeout">How long a forwarded command may wait for a desk.</param>
    public DeskCommandForwarder(IDeskCommandChannel local, DeskLease lease, PublishCommand publish, TimeSpan timeout, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(publish);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        _local = local;
        _lease = lease;
        _publish = publish;
        _timeout = timeout;
        _time = time;
        _logger = logger;
    }

    /// <summary>Sends <paramref name="body"/> (a serialized command) to the desk holder's queue, expiring after <paramref name="timeToLive"/>.</summary>
    public delegate ValueTask PublishCommand(string commandId, ReadOnlyMemory<byte> body, TimeSpan timeToLive, CancellationToken cancellationToken);

    /// <summary>Commands forwarded and not yet answered.</summary>
    public int Pending => _pending.Count;

    public async Task<DeskReply> SendAsync(DeskCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (_lease.IsHeld)
        {
            var local = await _local.SendAsync(command, cancellationToken).ConfigureAwait(false);

            // Unavailable from the local desk means the lease went away before the command ran: forward it instead.
            if (local.Failure != DeskFailure.Unavailable)
            {
                return local;
            }
        }

        var waiter = new TaskCompletionSource<DeskReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.TryAdd(command.Id, waiter))
        {
            throw new InvalidOperationException($"Desk command {command.Id} is already in flight.");
        }

        try
        {
            var first = await AttemptAsync(command with { Attempt = 1 }, waiter, cancellationToken).ConfigureAwait(false);
            if (first is { Failure: not DeskFailure.Unavailable } || ReferenceEquals(first, PublishRefused))
            {
                return first!;
            }

            // The holder was lost with the command (no reply in time, or it answered that it no longer holds the desk
            // or could not commit). The desk records what it applies, so sending the same id once more is safe: a new
            // holder answers from that record if the lost one committed it, and applies it otherwise.
            Log.Retrying(_logger, command.Kind, command.Id);
            if (waiter.Task.IsCompleted)
            {
                waiter = new TaskCompletionSource<DeskReply>(TaskCreationOptions.RunContinuationsAsynchronously);
                _pending[command.Id] = waiter;
            }

            // A bus refusing the retry does not mean "not applied": the first attempt may have been. Only a reply counts.
            var second = await AttemptAsync(command with { Attempt = 2 }, waiter, cancellationToken).ConfigureAwait(false);
            if (second is not null && !ReferenceEquals(second, PublishRefused))
            {
                return second;
            }

            Log.TimedOut(_logger, command.Kind, command.Id);
            var seconds = _timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
            return DeskReply.Unavailable(
                $"The operations desk runs on another Vigil node, and no node holding it answered within {seconds} s, twice (the desk may be changing hands). " +
                "Commands not taken in that time are dropped unapplied; check the alarm, incident or unit, then retry.");
        }
        finally
        {
            _pending.TryRemove(command.Id, out _);
        }
    }

    /// <summary>
    /// One delivery of the command: to this node's desk if it holds the lease by now (a retry may find the desk came
    /// here), otherwise over the bus. Null when no reply came in time.
    /// </summary>
    private async Task<DeskReply?> AttemptAsync(DeskCommand command, TaskCompletionSource<DeskReply> waiter, CancellationToken cancellationToken)
    {
        if (command.Attempt > 1 && _lease.IsHeld)
        {
            var local = await _local.SendAsync(command, cancellationToken).ConfigureAwait(false);
            if (local.Failure != DeskFailure.Unavailable)
            {
                return local;
            }
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(command, VigilJson.Default.DeskCommand);
        try
        {
            await _publish(command.Id, body, _timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.PublishFailed(_logger, ex, command.Kind);
            return PublishRefused;
        }

        try
        {
            return await waiter.Task.WaitAsync(_timeout + ReplyGrace, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    /// <summary>Hands a reply from the desk holder to the command waiting for it; false for a reply nobody waits for any more.</summary>
    public bool Complete(string? correlationId, ReadOnlySpan<byte> body)
    {
        if (correlationId is null || !_pending.TryGetValue(correlationId, out var waiter))
        {
            return false;
        }

        DeskReply? reply;
        try
        {
            reply = JsonSerializer.Deserialize(body, VigilJson.Default.DeskReply);
        }
        catch (JsonException)
        {
            reply = null;
        }

        return waiter.TrySetResult(reply ?? DeskReply.Unavailable("The operations desk's reply could not be read (nodes of different versions?)."));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2201, Level = LogLevel.Warning, Message = "A {Kind} desk command could not be published to the desk holder")]
        public static partial void PublishFailed(ILogger logger, Exception exception, DeskCommandKind kind);

        [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "Forwarded {Kind} desk command {CommandId} got no reply in time, twice")]
        public static partial void TimedOut(ILogger logger, DeskCommandKind kind, string commandId);

        [LoggerMessage(EventId = 2203, Level = LogLevel.Information, Message = "Forwarded {Kind} desk command {CommandId} lost its desk holder; sending it once more")]
        public static partial void Retrying(ILogger logger, DeskCommandKind kind, string commandId);
    }
}
