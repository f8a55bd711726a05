using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Vigil.Platform.Operations;
using Vigil.Platform.Ports;

namespace Vigil.Messaging.RabbitMq;

/// <summary>
/// Operator commands from any node: run on this node's desk while it holds the lease, otherwise published to the
/// desk-commands queue with this node's reply queue and the command id as correlation id, and answered with the
/// holder's reply (see <see cref="DeskCommandForwarder"/>). The reply queue is exclusive to this node's recovering
/// connection and keeps its name, so it comes back with the connection after a broker failover.
/// </summary>
public sealed class RabbitMqDeskCommandChannel : IHostedService, IDeskCommandChannel
{
    private readonly RabbitMqConnection _connection;
    private readonly DeskCommandForwarder _forwarder;
    private readonly string _replyQueue;
    private IChannel? _channel;

    public RabbitMqDeskCommandChannel(RabbitMqConnection connection, OperationsDesk desk, DeskLease lease, TimeProvider time, ILogger<RabbitMqDeskCommandChannel> logger)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        _replyQueue = connection.Names.DeskReplies(connection.NodeId);
        _forwarder = new DeskCommandForwarder(desk, lease, PublishAsync, connection.Options.DeskCommandTimeout, time, logger);
    }

    public Task<DeskReply> SendAsync(DeskCommand command, CancellationToken cancellationToken) => _forwarder.SendAsync(command, cancellationToken);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _channel = await _connection.Connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await _channel.QueueDeclareAsync(_replyQueue, durable: false, exclusive: true, autoDelete: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        var consumer = new AsyncEventingBasicConsumer(_channel);
        consumer.ReceivedAsync += (_, message) =>
        {
            // A reply for a command whose caller stopped waiting is dropped: that caller has already answered 503.
            _forwarder.Complete(message.BasicProperties.CorrelationId, message.Body.Span);
            return Task.CompletedTask;
        };
        await _channel.BasicConsumeAsync(_replyQueue, autoAck: true, consumer, cancellationToken).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_channel is { IsOpen: true } channel)
        {
            await channel.CloseAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private ValueTask PublishAsync(string commandId, ReadOnlyMemory<byte> body, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        var properties = new BasicProperties
        {
            DeliveryMode = DeliveryModes.Persistent,
            ReplyTo = _replyQueue,
            CorrelationId = commandId,
            ContentType = "application/json",

            // The broker drops a command that no desk took in time, so its caller's 503 means "not applied".
            Expiration = ((long)timeToLive.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
        };
        return _connection.PublishConfirmedAsync(string.Empty, _connection.Names.DeskCommands, properties, body, cancellationToken);
    }
}
