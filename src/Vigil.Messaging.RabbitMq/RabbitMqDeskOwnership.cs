using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Vigil.Platform.Ingest;
using Vigil.Platform.Operations;

namespace Vigil.Messaging.RabbitMq;

/// <summary>
/// Elects the node that holds the operations desk. Each node keeps trying to declare one exclusive queue on a
/// connection of its own without automatic recovery; the broker lets only one connection hold it and deletes it when
/// that connection closes or dies, so the next node's attempt (every second) succeeds. The holder is granted the
/// <see cref="DeskLease"/> (the desk then reloads its working set from storage) and consumes the desk queue of rule
/// signals from every node, acknowledging each message once its alarms are committed, and the queue of operator
/// commands other nodes forward (<see cref="DeskCommandConsumer"/>). Losing the connection revokes the lease at once.
/// </summary>
public sealed class RabbitMqDeskOwnership(
    RabbitMqConnection connection,
    DeskLease lease,
    OperationsDesk desk,
    DeviceRegistry registry,
    TimeProvider time,
    ILogger<RabbitMqDeskOwnership> logger) : BackgroundService
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await desk.Ready.WaitAsync(stoppingToken).ConfigureAwait(false);

        // One per node and kept across leases, so a command delivered twice to this node is still run once.
        var commands = new DeskCommandInbox(desk);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await HoldWhilePossibleAsync(commands, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                Log.DeskLeaseFailed(logger, ex);
            }

            await Task.Delay(RetryInterval, time, stoppingToken).ConfigureAwait(false);
        }

        lease.Revoke();
    }

    private async Task HoldWhilePossibleAsync(DeskCommandInbox commands, CancellationToken stoppingToken)
    {
        await using var leaseConnection = await connection.OpenPlainConnectionAsync("desk", stoppingToken).ConfigureAwait(false);
        while (!stoppingToken.IsCancellationRequested && leaseConnection.IsOpen)
        {
            var channel = await leaseConnection.CreateChannelAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
            try
            {
                await channel.QueueDeclareAsync(connection.Names.DeskLease, durable: false, exclusive: true, autoDelete: true, cancellationToken: stoppingToken).ConfigureAwait(false);
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
            {
                // RESOURCE_LOCKED: another node holds the desk. The broker closed this channel; try again shortly.
                await channel.DisposeAsync().ConfigureAwait(false);
                await Task.Delay(RetryInterval, time, stoppingToken).ConfigureAwait(false);
                continue;
            }

            await using (channel.ConfigureAwait(false))
            {
                await HoldAsync(leaseConnection, channel, commands, stoppingToken).ConfigureAwait(false);
            }

            return;
        }
    }

    private async Task HoldAsync(IConnection leaseConnection, IChannel channel, DeskCommandInbox inbox, CancellationToken stoppingToken)
    {
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        leaseConnection.ConnectionShutdownAsync += (_, _) =>
        {
            lease.Revoke();
            lost.TrySetResult();
            return Task.CompletedTask;
        };
        channel.ChannelShutdownAsync += (_, _) =>
        {
            lease.Revoke();
            lost.TrySetResult();
            return Task.CompletedTask;
        };

        lease.Grant();
        Log.DeskAcquired(logger);

        // Unbounded: it holds at most the prefetch count of tags, since the broker sends no more until some are settled.
        var settled = Channel.CreateUnbounded<(ulong Tag, bool Ack)>(new UnboundedChannelOptions { SingleReader = true });
        await channel.BasicQosAsync(0, 512, false, stoppingToken).ConfigureAwait(false);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, message) =>
        {
            var tag = message.DeliveryTag;
            if (!WireFormat.TryReadSignals(message.Body.Span, out var ordinal, out var receivedUnixMs, out var signals)
                || registry.Find(ordinal) is not { } device)
            {
                // Unreadable, or for a device removed since: no desk could ever apply it.
                settled.Writer.TryWrite((tag, true));
                return Task.CompletedTask;
            }

            // Not awaited: the desk commits many messages in one round, so waiting here would make each its own round.
            _ = SettleAsync(desk.ApplySignalsAsync(device, signals, WireFormat.FromUnixMs(receivedUnixMs, time), stoppingToken), tag, settled.Writer);
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(connection.Names.Desk, autoAck: false, consumer, stoppingToken).ConfigureAwait(false);
        await using var commands = await DeskCommandConsumer.StartAsync(
            leaseConnection, connection.Names.DeskCommands, inbox, () =>
            {
                lease.Revoke();
                lost.TrySetResult();
            }, logger, stoppingToken).ConfigureAwait(false);

        var reader = settled.Reader;
        using var stop = stoppingToken.Register(() => lost.TrySetResult());
        while (!lost.Task.IsCompleted)
        {
            var next = reader.WaitToReadAsync(stoppingToken).AsTask();
            if (await Task.WhenAny(next, lost.Task).ConfigureAwait(false) == lost.Task)
            {
                break;
            }

            while (reader.TryRead(out var item))
            {
                if (item.Ack)
                {
                    await channel.BasicAckAsync(item.Tag, multiple: false, stoppingToken).ConfigureAwait(false);
                }
                else
                {
                    await channel.BasicNackAsync(item.Tag, multiple: false, requeue: true, stoppingToken).ConfigureAwait(false);
                }
            }
        }

        lease.Revoke();
        if (!stoppingToken.IsCancellationRequested)
        {
            Log.DeskLost(logger);
        }
    }

    private static async Task SettleAsync(Task<DeskResult<int>> applied, ulong tag, ChannelWriter<(ulong, bool)> settled)
    {
        bool committed;
        try
        {
            committed = (await applied.ConfigureAwait(false)).Succeeded;
        }
        catch (Exception)
        {
            // The round failed and nothing was committed: the signals go back to the queue for the next round or holder.
            committed = false;
        }

        settled.TryWrite((tag, committed));
    }
}
