using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Vigil.Platform.Operations;

namespace Vigil.Messaging.RabbitMq;

/// <summary>
/// The desk holder's consumer of forwarded operator commands. It lives on the lease connection, so the broker drops it
/// at the same moment as the lease; if its channel fails on its own, <c>onLost</c> ends the holding, so this node never
/// holds the lease without serving commands. Each command runs through the <see cref="DeskCommandInbox"/> (exactly once)
/// without waiting for the previous one, so that commands arriving together share a desk round; one loop then sends
/// each reply and acknowledges its message.
/// </summary>
internal sealed class DeskCommandConsumer : IAsyncDisposable
{
    /// <summary>Commands taken at once; more wait in the quorum queue, where a new holder finds them undelivered.</summary>
    private const ushort Prefetch = 64;

    private readonly IChannel _channel;
    private readonly DeskCommandInbox _inbox;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();

    // Unbounded: it holds at most the prefetch count of answered commands, since the broker sends no more until some are settled.
    private readonly Channel<Answered> _answered = Channel.CreateUnbounded<Answered>(new UnboundedChannelOptions { SingleReader = true });
    private Task _loop = Task.CompletedTask;

    private DeskCommandConsumer(IChannel channel, DeskCommandInbox inbox, ILogger logger)
    {
        _channel = channel;
        _inbox = inbox;
        _logger = logger;
    }

    public static async Task<DeskCommandConsumer> StartAsync(
        IConnection leaseConnection, string queue, DeskCommandInbox inbox, Action onLost, ILogger logger, CancellationToken cancellationToken)
    {
        var channel = await leaseConnection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var consumer = new DeskCommandConsumer(channel, inbox, logger);
        channel.ChannelShutdownAsync += (_, _) =>
        {
            onLost();
            return Task.CompletedTask;
        };
        consumer._loop = consumer.SettleAsync();
        var started = false;
        try
        {
            await channel.BasicQosAsync(0, Prefetch, false, cancellationToken).ConfigureAwait(false);
            var basic = new AsyncEventingBasicConsumer(channel);
            basic.ReceivedAsync += consumer.OnReceivedAsync;
            await channel.BasicConsumeAsync(queue, autoAck: false, basic, cancellationToken).ConfigureAwait(false);
            started = true;
            return consumer;
        }
        finally
        {
            if (!started)
            {
                // The holding fails with the exception; the settle loop and the channel must not outlive it.
                await consumer.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _answered.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        if (_channel.IsOpen)
        {
            try
            {
                await _channel.CloseAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.AlreadyClosedException or OperationCanceledException)
            {
                // The lease connection is going too; unsettled commands go back to the queue for the next holder.
            }
        }

        await _channel.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private Task OnReceivedAsync(object sender, BasicDeliverEventArgs message)
    {
        var replyTo = message.BasicProperties.ReplyTo;
        var commandId = message.BasicProperties.CorrelationId;
        if (string.IsNullOrEmpty(replyTo) || string.IsNullOrEmpty(commandId))
        {
            // Nobody could be told the outcome, so it is not run.
            Log.DeskCommandUnaddressed(_logger);
            _answered.Writer.TryWrite(new Answered(message.DeliveryTag, string.Empty, string.Empty, null));
            return Task.CompletedTask;
        }

        // The body is only valid during this handler.
        _ = RunAsync(message.DeliveryTag, replyTo, commandId, message.Body.ToArray());
        return Task.CompletedTask;
    }

    private async Task RunAsync(ulong tag, string replyTo, string commandId, byte[] body)
    {
        try
        {
            var reply = await _inbox.HandleAsync(body, _stop.Token).ConfigureAwait(false);
            _answered.Writer.TryWrite(new Answered(tag, replyTo, commandId, reply));
        }
        catch (OperationCanceledException)
        {
            // Stopping: left unacknowledged, it is redelivered to the next holder, which answers it from the desk's record if
            // this desk committed it, and runs it otherwise.
        }
    }

    private async Task SettleAsync()
    {
        var reader = _answered.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
            {
                while (reader.TryRead(out var answered))
                {
                    if (answered.Reply is not null)
                    {
                        await ReplyAsync(answered).ConfigureAwait(false);
                    }

                    await _channel.BasicAckAsync(answered.Tag, multiple: false, _stop.Token).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or RabbitMQ.Client.Exceptions.AlreadyClosedException)
        {
            // The holding ended; what is unacknowledged goes back to the queue.
        }
    }

    private async Task ReplyAsync(Answered answered)
    {
        var properties = new BasicProperties { CorrelationId = answered.CommandId, ContentType = "application/json" };
        try
        {
            // Not mandatory: a reply queue that is gone belongs to a node that stopped, and nobody waits for the answer.
            await _channel.BasicPublishAsync(string.Empty, answered.ReplyTo, mandatory: false, properties, answered.Reply, _stop.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not RabbitMQ.Client.Exceptions.AlreadyClosedException)
        {
            Log.DeskReplyFailed(_logger, ex, answered.CommandId);
        }
    }

    private readonly record struct Answered(ulong Tag, string ReplyTo, string CommandId, byte[]? Reply);
}
