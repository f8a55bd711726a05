using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Vigil.Platform.Ingest;
using Vigil.Platform.Ports;

namespace Vigil.Messaging.RabbitMq;

/// <summary>
/// Node membership and device-registry changes over the control fanout. Every node announces itself each heartbeat
/// interval; the sorted set of nodes heard from recently gives each node a rank, from which the partition consumers
/// decide which partitions to keep. A device added, changed or removed on one node makes the others reload the
/// registry from storage, so a device key works on every node.
/// </summary>
public sealed class RabbitMqControl(
    RabbitMqConnection connection,
    DeviceRegistry registry,
    IDeviceStore devices,
    TimeProvider time,
    ILogger<RabbitMqControl> logger) : BackgroundService
{
    private const byte Heartbeat = (byte)'H';
    private const byte DevicesChanged = (byte)'D';
    private readonly Dictionary<string, long> _lastSeen = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private IChannel? _channel;
    private string[] _members = [];

    /// <summary>Raised with this node's rank and the member count whenever the set of live nodes changes.</summary>
    public event Action<int, int>? MembershipChanged;

    public (int Rank, int Count) Membership
    {
        get
        {
            lock (_gate)
            {
                return (Math.Max(0, Array.IndexOf(_members, connection.NodeId)), Math.Max(1, _members.Length));
            }
        }
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _channel = await connection.Connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var queue = await _channel.QueueDeclareAsync(string.Empty, durable: false, exclusive: true, autoDelete: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        await _channel.QueueBindAsync(queue.QueueName, connection.Names.Control, string.Empty, cancellationToken: cancellationToken).ConfigureAwait(false);
        var consumer = new AsyncEventingBasicConsumer(_channel);
        consumer.ReceivedAsync += OnMessageAsync;
        await _channel.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer, cancellationToken).ConfigureAwait(false);
        registry.Changed += OnDeviceChanged;
        Seen(connection.NodeId);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        registry.Changed -= OnDeviceChanged;
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (_channel is { IsOpen: true } channel)
        {
            await channel.CloseAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = connection.Options.HeartbeatInterval;
        var beat = Message(Heartbeat);
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                await _channel!.BasicPublishAsync(connection.Names.Control, string.Empty, beat, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The connection is recovering; members keep their last state until it is back.
                Log.BackgroundFailed(logger, ex, "heartbeat");
            }

            Expire(time.GetUtcNow().ToUnixTimeMilliseconds() - (3 * (long)interval.TotalMilliseconds));
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private byte[] Message(byte kind)
    {
        var id = Encoding.UTF8.GetBytes(connection.NodeId);
        var body = new byte[1 + id.Length];
        body[0] = kind;
        id.CopyTo(body, 1);
        return body;
    }

    private async Task OnMessageAsync(object sender, BasicDeliverEventArgs message)
    {
        var body = message.Body.Span;
        if (body.Length < 2)
        {
            return;
        }

        var node = Encoding.UTF8.GetString(body[1..]);
        if (body[0] == Heartbeat)
        {
            Seen(node);
        }
        else if (body[0] == DevicesChanged && node != connection.NodeId)
        {
            registry.Synchronize(await devices.LoadAllAsync(CancellationToken.None).ConfigureAwait(false));
            Log.DevicesReloaded(logger, node);
        }
    }

    private void OnDeviceChanged(string deviceId)
    {
        // Registry changes come from request handlers, which must not wait on the broker; the other nodes reload all
        // devices anyway, so a lost notice only delays them until the next change.
        _ = PublishDevicesChangedAsync();
    }

    private async Task PublishDevicesChangedAsync()
    {
        try
        {
            await connection.PublishConfirmedAsync(connection.Names.Control, string.Empty, Message(DevicesChanged), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.BackgroundFailed(logger, ex, "device change notice");
        }
    }

    private void Seen(string node)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        bool added;
        lock (_gate)
        {
            added = !_lastSeen.ContainsKey(node);
            _lastSeen[node] = now;
        }

        if (added)
        {
            Publish();
        }
    }

    private void Expire(long cutoff)
    {
        var removed = false;
        lock (_gate)
        {
            List<string>? gone = null;
            foreach (var (node, seen) in _lastSeen)
            {
                if (seen < cutoff && node != connection.NodeId)
                {
                    (gone ??= []).Add(node);
                }
            }

            if (gone is not null)
            {
                foreach (var node in gone)
                {
                    _lastSeen.Remove(node);
                }

                removed = true;
            }
        }

        if (removed)
        {
            Publish();
        }
    }

    private void Publish()
    {
        int rank;
        int count;
        lock (_gate)
        {
            var members = new string[_lastSeen.Count];
            _lastSeen.Keys.CopyTo(members, 0);
            Array.Sort(members, StringComparer.Ordinal);
            _members = members;
            rank = Math.Max(0, Array.IndexOf(members, connection.NodeId));
            count = members.Length;
        }

        MembershipChanged?.Invoke(rank, count);
    }
}
