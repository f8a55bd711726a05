using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Vigil.Platform.Feed;
using Vigil.Platform.Ports;

namespace Vigil.Messaging.RabbitMq;

/// <summary>
/// The live feed across nodes: committed records go out on a fanout exchange, and every node (this one included)
/// passes what it receives to its local <see cref="InProcessLiveFeed"/>, which orders them for its SSE clients. The
/// records are already in storage, so nothing here is persistent: a client that misses some (a node restarting)
/// catches up from storage when it reconnects with Last-Event-ID.
/// </summary>
public sealed class RabbitMqLiveFeed(RabbitMqConnection connection, ILogger<RabbitMqLiveFeed> logger) : BackgroundService, ILiveFeed
{
    private readonly InProcessLiveFeed _local = new();

    // Unbounded: producers are the desks, which publish once per committed round, so this grows only while the broker
    // is unreachable, and then by the size of those rounds.
    private readonly Channel<IReadOnlyList<FeedRecord>> _outbox = Channel.CreateUnbounded<IReadOnlyList<FeedRecord>>(new UnboundedChannelOptions { SingleReader = true });
    private IChannel? _channel;

    public void Publish(IReadOnlyList<FeedRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count > 0)
        {
            _outbox.Writer.TryWrite(records);
        }
    }

    public IFeedSubscription Subscribe() => _local.Subscribe();

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _channel = await connection.Connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var queue = await _channel.QueueDeclareAsync(string.Empty, durable: false, exclusive: true, autoDelete: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        await _channel.QueueBindAsync(queue.QueueName, connection.Names.Feed, string.Empty, cancellationToken: cancellationToken).ConfigureAwait(false);
        var consumer = new AsyncEventingBasicConsumer(_channel);
        consumer.ReceivedAsync += (_, message) =>
        {
            if (WireFormat.TryReadFeed(message.Body.Span, out var records))
            {
                _local.Publish(records);
            }

            return Task.CompletedTask;
        };
        await _channel.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer, cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _outbox.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                while (reader.TryPeek(out var records))
                {
                    try
                    {
                        await _channel!.BasicPublishAsync(connection.Names.Feed, string.Empty, WireFormat.WriteFeed(records), stoppingToken).ConfigureAwait(false);
                        reader.TryRead(out _);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // The connection is recovering: keep the records and try again.
                        Log.BackgroundFailed(logger, ex, "live feed publish");
                        await Task.Delay(TimeSpan.FromMilliseconds(250), stoppingToken).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
