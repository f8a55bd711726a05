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
/// for the holder's reply, which the transport hands to <see cref="Complete"/>. No reply in time gives a 503-style
/// <see cref="DeskFailure.Unavailable"/>.
/// </summary>
public sealed partial class DeskCommandForwarder
{
    /// <summary>
    /// Beyond the command's time to live, to let a command taken just before it expired finish its desk round (a few
    /// milliseconds normally) and be answered, rather than be applied after its caller was told it timed out.
    /// </summary>
    private static readonly TimeSpan ReplyGrace = TimeSpan.FromSeconds(1);

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
            var body = JsonSerializer.SerializeToUtf8Bytes(command, VigilJson.Default.DeskCommand);
            try
            {
                await _publish(command.Id, body, _timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.PublishFailed(_logger, ex, command.Kind);
                return DeskReply.Unavailable("The operations desk runs on another Vigil node, and the message bus did not accept the command; it was not applied. Retry shortly.");
            }

            try
            {
                return await waiter.Task.WaitAsync(_timeout + ReplyGrace, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                Log.TimedOut(_logger, command.Kind, command.Id);
                var seconds = _timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
                return DeskReply.Unavailable(
                    $"The operations desk runs on another Vigil node, which did not answer within {seconds} s (the desk may be changing hands). " +
                    "Commands not taken in that time are dropped unapplied; check the alarm, incident or unit, then retry.");
            }
        }
        finally
        {
            _pending.TryRemove(command.Id, out _);
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

        [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "Forwarded {Kind} desk command {CommandId} got no reply in time")]
        public static partial void TimedOut(ILogger logger, DeskCommandKind kind, string commandId);
    }
}
