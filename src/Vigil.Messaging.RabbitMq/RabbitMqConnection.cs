using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace Vigil.Messaging.RabbitMq;

/// <summary>
/// This node's connection to the broker cluster, with automatic recovery across the configured endpoints, the shared
/// topology, and a small pool of channels with publisher confirms. Started before the other bus services.
/// </summary>
public sealed class RabbitMqConnection : IHostedService, IAsyncDisposable
{
    private readonly RabbitMqOptions _options;
    private readonly ILogger<RabbitMqConnection> _logger;
    private IConnection? _connection;
    private IChannel[] _publishers = [];
    private int _nextPublisher;

    public RabbitMqConnection(IOptions<RabbitMqOptions> options, ILogger<RabbitMqConnection> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger;
        NodeId = string.IsNullOrWhiteSpace(_options.NodeId)
            ? $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}"
            : _options.NodeId;
        Names = new Topology(_options.Prefix);
    }

    public string NodeId { get; }

    public RabbitMqOptions Options => _options;

    public Topology Names { get; }

    public IConnection Connection => _connection ?? throw new InvalidOperationException("The RabbitMQ connection is not started.");

    /// <summary>The endpoints of a comma-separated list of amqp:// URIs, and the factory for the first one's credentials.</summary>
    public static (ConnectionFactory Factory, List<AmqpTcpEndpoint> Endpoints) Parse(string amqp, bool recover)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(amqp);
        var uris = amqp.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var factory = new ConnectionFactory
        {
            Uri = new Uri(uris[0]),
            AutomaticRecoveryEnabled = recover,
            TopologyRecoveryEnabled = recover,
            NetworkRecoveryInterval = TimeSpan.FromMilliseconds(500),

            // Short heartbeats so that a broker node that vanishes without closing the socket is noticed in seconds.
            RequestedHeartbeat = TimeSpan.FromSeconds(5),
        };
        var endpoints = new List<AmqpTcpEndpoint>(uris.Length);
        foreach (var uri in uris)
        {
            endpoints.Add(new AmqpTcpEndpoint(new Uri(uri)));
        }

        return (factory, endpoints);
    }

    /// <summary>A separate connection without automatic recovery (the desk lease must not be silently re-taken).</summary>
    public Task<IConnection> OpenPlainConnectionAsync(string purpose, CancellationToken cancellationToken)
    {
        var (factory, endpoints) = Parse(_options.Amqp, recover: false);
        return factory.CreateConnectionAsync(endpoints, $"vigil {NodeId} {purpose}", cancellationToken);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var (factory, endpoints) = Parse(_options.Amqp, recover: true);
        _connection = await factory.CreateConnectionAsync(endpoints, $"vigil {NodeId}", cancellationToken).ConfigureAwait(false);
        await using (var setup = await _connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            await DeclareAsync(setup, _options.Partitions, cancellationToken).ConfigureAwait(false);
        }

        _publishers = new IChannel[_options.PublisherChannels];
        for (var i = 0; i < _publishers.Length; i++)
        {
            _publishers[i] = await CreatePublisherAsync(cancellationToken).ConfigureAwait(false);
        }

        Log.Connected(_logger, NodeId, _options.Partitions);
    }

    /// <summary>
    /// Publishes persistently and completes when the broker has confirmed the message (for a quorum queue: written by
    /// a majority of its replicas). Throws when the broker refuses it or it cannot be routed to any queue.
    /// </summary>
    public ValueTask PublishConfirmedAsync(string exchange, string routingKey, ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        PublishConfirmedAsync(exchange, routingKey, new BasicProperties { DeliveryMode = DeliveryModes.Persistent }, body, cancellationToken);

    /// <summary>As above, with the message's own properties (reply-to, correlation id, expiration).</summary>
    public async ValueTask PublishConfirmedAsync(string exchange, string routingKey, BasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var index = (int)((uint)Interlocked.Increment(ref _nextPublisher) % (uint)_publishers.Length);
        var channel = _publishers[index];
        if (channel.IsClosed && Connection.IsOpen)
        {
            // A channel-level error closed it for good (recovery only reopens channels after a connection failure).
            channel = _publishers[index] = await CreatePublisherAsync(cancellationToken).ConfigureAwait(false);
        }

        await channel.BasicPublishAsync(exchange, routingKey, mandatory: true, properties, body, cancellationToken).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_connection is { IsOpen: true } connection)
        {
            await connection.CloseAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
            _connection = null;
        }
    }

    private async Task DeclareAsync(IChannel channel, int partitions, CancellationToken cancellationToken)
    {
        await channel.ExchangeDeclareAsync(Names.Observations, "x-consistent-hash", durable: true, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < partitions; i++)
        {
            var queue = Names.Partition(i);
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, Topology.QuorumSingleActive(), cancellationToken: cancellationToken).ConfigureAwait(false);

            // The binding key of a consistent-hash exchange is the queue's weight; equal weights spread devices evenly.
            await channel.QueueBindAsync(queue, Names.Observations, "1", cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        await channel.QueueDeclareAsync(Names.Desk, durable: true, exclusive: false, autoDelete: false, Topology.QuorumSingleActive(), cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.QueueDeclareAsync(Names.DeskCommands, durable: true, exclusive: false, autoDelete: false, Topology.QuorumSingleActive(), cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.ExchangeDeclareAsync(Names.Feed, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.ExchangeDeclareAsync(Names.Control, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private Task<IChannel> CreatePublisherAsync(CancellationToken cancellationToken) =>
        Connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
}
