using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Vigil.Platform.Ingest;

namespace Vigil.Messaging.RabbitMq;

/// <summary>
/// Devices that speak MQTT publish their batch (the same JSON as the HTTP ingest body) to
/// <c>vigil/devices/{deviceId}/observations</c> on RabbitMQ's MQTT plugin, which the broker routes through
/// <c>amq.topic</c> as <c>vigil.devices.{deviceId}.observations</c>. The broker has already checked the device's key and
/// that it publishes to its own topic (through Vigil's <c>/api/v1/broker/auth</c> endpoints), and a QoS 1 PUBACK means
/// the message is in this quorum queue. Every node consumes it (competing consumers); a message is acknowledged once
/// its batch is stored and handed to the partition bus, exactly as an HTTP batch is answered 202, and the batch id
/// makes a redelivered message a duplicate rather than a second copy.
/// </summary>
public sealed class RabbitMqMqttIngest(
    RabbitMqConnection connection,
    DeviceRegistry registry,
    ObservationBatchParser parser,
    IngestService ingest,
    TimeProvider time,
    ILogger<RabbitMqMqttIngest> logger) : IHostedService
{
    public const string TopicPrefix = "vigil.devices.";
    public const string TopicSuffix = ".observations";
    private static readonly TimeSpan OverloadBackoff = TimeSpan.FromMilliseconds(200);
    private IChannel? _channel;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var queue = connection.Names.Mqtt;
        _channel = await connection.Connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await _channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, new Dictionary<string, object?> { ["x-queue-type"] = "quorum" }, cancellationToken: cancellationToken).ConfigureAwait(false);
        await _channel.QueueBindAsync(queue, "amq.topic", TopicPrefix + "*" + TopicSuffix, cancellationToken: cancellationToken).ConfigureAwait(false);
        await _channel.BasicQosAsync(0, (ushort)connection.Options.Prefetch, false, cancellationToken).ConfigureAwait(false);
        var consumer = new AsyncEventingBasicConsumer(_channel);
        consumer.ReceivedAsync += OnMessageAsync;
        await _channel.BasicConsumeAsync(queue, autoAck: false, consumer, cancellationToken).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_channel is { IsOpen: true } channel)
        {
            await channel.CloseAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The device id of a routing key <c>vigil.devices.{id}.observations</c>, or null.</summary>
    public static string? DeviceIdOf(string routingKey)
    {
        ArgumentNullException.ThrowIfNull(routingKey);
        if (!routingKey.StartsWith(TopicPrefix, StringComparison.Ordinal) || !routingKey.EndsWith(TopicSuffix, StringComparison.Ordinal))
        {
            return null;
        }

        var id = routingKey[TopicPrefix.Length..^TopicSuffix.Length];
        return id.Length == 0 || id.Contains('.', StringComparison.Ordinal) ? null : id;
    }

    private async Task OnMessageAsync(object sender, BasicDeliverEventArgs message)
    {
        var channel = _channel!;
        var received = Stopwatch.GetTimestamp();
        var device = DeviceIdOf(message.RoutingKey) is { } id ? registry.Find(id) : null;
        if (device is null)
        {
            // The broker let it through, so the device existed then; removed since, nothing can store it.
            Log.MqttRejected(logger, message.RoutingKey, "unknown device");
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false).ConfigureAwait(false);
            return;
        }

        var parsed = parser.Parse(message.Body.Span, device, received);
        if (parsed.Batch is not { } batch)
        {
            // An MQTT publisher gets no error response; the reason is logged for whoever looks after the device.
            Log.MqttRejected(logger, device.Device.Id, parsed.Errors.Count > 0 ? $"{parsed.Errors[0].Field}: {parsed.Errors[0].Message}" : "invalid batch");
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false).ConfigureAwait(false);
            return;
        }

        IngestOutcome outcome;
        try
        {
            outcome = await ingest.AdmitAsync(batch, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Storage or the bus failed: the message stays queued for another try, here or on another node.
            Log.BackgroundFailed(logger, ex, "MQTT batch");
            await Task.Delay(OverloadBackoff, time).ConfigureAwait(false);
            await channel.BasicNackAsync(message.DeliveryTag, multiple: false, requeue: true).ConfigureAwait(false);
            return;
        }

        if (outcome == IngestOutcome.Overloaded)
        {
            await Task.Delay(OverloadBackoff, time).ConfigureAwait(false);
            await channel.BasicNackAsync(message.DeliveryTag, multiple: false, requeue: true).ConfigureAwait(false);
            return;
        }

        await channel.BasicAckAsync(message.DeliveryTag, multiple: false).ConfigureAwait(false);
    }
}
