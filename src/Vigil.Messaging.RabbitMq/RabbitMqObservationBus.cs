using System.Buffers;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Vigil.Platform.Diagnostics;
using Vigil.Platform.Ingest;
using Vigil.Platform.Pipeline;
using Vigil.Platform.Ports;

namespace Vigil.Messaging.RabbitMq;

/// <summary>
/// Stored batches travel through a consistent-hash exchange, keyed by device ordinal, into N quorum partition queues.
/// Every node consumes every partition queue, and single-active-consumer lets exactly one consumer of each receive:
/// that node owns the partition's devices and their rule state. When the owner dies the broker activates the next
/// waiting consumer at once, and unacknowledged batches are redelivered to it. A batch is acknowledged only after the
/// local pipeline has run it through the rules. When membership changes, each node gives up the partitions not its
/// own (cancel and subscribe again, which puts it at the back of the waiting line), so that partitions spread evenly.
/// Rule state follows the partition: the pipeline loads a device's snapshot at the first batch a partition brings it
/// here, a partition given up has its devices' state saved first, and one lost with its channel has it forgotten.
/// </summary>
public sealed class RabbitMqObservationBus(
    RabbitMqConnection connection,
    RabbitMqControl control,
    ObservationPipeline pipeline,
    DeviceRegistry registry,
    IDeviceStore devices,
    VigilMetrics metrics,
    TimeProvider time,
    ILogger<RabbitMqObservationBus> logger) : IObservationBus, IHostedService
{
    private readonly RabbitMqConnection _connection = connection;
    private readonly ObservationPipeline _pipeline = pipeline;
    private readonly DeviceRegistry _registry = registry;
    private readonly IDeviceStore _devices = devices;
    private readonly VigilMetrics _metrics = metrics;
    private readonly TimeProvider _time = time;
    private readonly ILogger _logger = logger;
    private PartitionConsumer[] _consumers = [];

    public async ValueTask PublishAsync(IngestBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var size = WireFormat.BatchSize(batch);
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var length = WireFormat.WriteBatch(batch, WireFormat.ToUnixMs(batch.ReceivedTimestamp, _time), buffer);
            var key = batch.Device.Ordinal.ToString(CultureInfo.InvariantCulture);
            await _connection.PublishConfirmedAsync(_connection.Names.Observations, key, buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);

            // The ingest gate counted the batch in flight; from here on the partition owner counts it.
            _metrics.AddQueueDepth(-batch.Count);
            batch.Release();
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var count = _connection.Options.Partitions;
        _consumers = new PartitionConsumer[count];
        for (var i = 0; i < count; i++)
        {
            _consumers[i] = new PartitionConsumer(this, i);
            await _consumers[i].StartAsync(cancellationToken).ConfigureAwait(false);
        }

        control.MembershipChanged += OnMembershipChanged;
        var (rank, members) = control.Membership;
        OnMembershipChanged(rank, members);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        control.MembershipChanged -= OnMembershipChanged;
        foreach (var consumer in _consumers)
        {
            await consumer.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void OnMembershipChanged(int rank, int members)
    {
        if (members <= 1)
        {
            return;
        }

        Log.MembersChanged(_logger, members, rank);
        foreach (var consumer in _consumers)
        {
            if (consumer.Index % members != rank)
            {
                _ = consumer.YieldAsync();
            }
        }
    }

    /// <summary>One partition queue: its own channel (prefetch and acknowledgements are per channel) and consumer.</summary>
    private sealed class PartitionConsumer(RabbitMqObservationBus owner, int index)
    {
        // Unbounded: it holds at most Prefetch delivery tags, since the broker sends no more until some are acknowledged.
        private readonly Channel<ulong> _acks = Channel.CreateUnbounded<ulong>(new UnboundedChannelOptions { SingleReader = true });
        private readonly SemaphoreSlim _subscription = new(1, 1);
        private IChannel? _channel;
        private string? _consumerTag;
        private Task? _ackLoop;

        public int Index => index;

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            _channel = await owner._connection.Connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            _channel.ChannelShutdownAsync += OnChannelShutdownAsync;
            await _channel.BasicQosAsync(0, (ushort)owner._connection.Options.Prefetch, false, cancellationToken).ConfigureAwait(false);
            await SubscribeAsync(cancellationToken).ConfigureAwait(false);
            _ackLoop = AcknowledgeAsync();
        }

        /// <summary>Steps back from the partition: another node waiting on it becomes its active consumer.</summary>
        public async Task YieldAsync()
        {
            await _subscription.WaitAsync().ConfigureAwait(false);
            try
            {
                if (await GiveUpAsync(CancellationToken.None).ConfigureAwait(false))
                {
                    await SubscribeCoreAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }
            catch (Exception ex)
            {
                Log.BackgroundFailed(owner._logger, ex, "partition hand-over");
            }
            finally
            {
                _subscription.Release();
            }
        }

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            await _subscription.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // A graceful stop hands the partition over like a rebalance, so the next owner starts from this state.
                await GiveUpAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.BackgroundFailed(owner._logger, ex, "partition hand-over at stop");
            }
            finally
            {
                _subscription.Release();
            }

            _acks.Writer.TryComplete();
            if (_ackLoop is not null)
            {
                await _ackLoop.ConfigureAwait(false);
            }

            if (_channel is { IsOpen: true } channel)
            {
                await channel.CloseAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task SubscribeAsync(CancellationToken cancellationToken)
        {
            await _subscription.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await SubscribeCoreAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _subscription.Release();
            }
        }

        /// <summary>
        /// Cancels the consumer, saving the partition's rule state on both sides of the cancel: once before, so that a
        /// node activated the moment the cancel lands finds state at most a few batches old, and once after the
        /// batches already received here were evaluated, which this node then forgets. False when not subscribed.
        /// </summary>
        private async Task<bool> GiveUpAsync(CancellationToken cancellationToken)
        {
            if (_channel is not { IsOpen: true } channel || _consumerTag is not { } tag)
            {
                return false;
            }

            await owner._pipeline.HandOverAsync(index, PartitionHandOver.Save, cancellationToken).ConfigureAwait(false);
            await channel.BasicCancelAsync(tag, cancellationToken: cancellationToken).ConfigureAwait(false);
            _consumerTag = null;
            var saved = await owner._pipeline.HandOverAsync(index, PartitionHandOver.Release, cancellationToken).ConfigureAwait(false);
            Log.PartitionGivenUp(owner._logger, index, saved);
            return true;
        }

        private Task OnChannelShutdownAsync(object sender, ShutdownEventArgs reason)
        {
            // The broker has returned this channel's unacknowledged batches to the queue and may already have activated
            // another node's consumer, which loads the stored snapshot; state held here is forgotten unsaved, and the
            // snapshot is loaded again if the partition comes back. Not awaited: the connection's own thread runs this.
            _ = DropAsync();
            return Task.CompletedTask;
        }

        private async Task DropAsync()
        {
            try
            {
                await owner._pipeline.HandOverAsync(index, PartitionHandOver.Drop, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Log.BackgroundFailed(owner._logger, ex, "forgetting a lost partition");
            }
        }

        private async Task SubscribeCoreAsync(CancellationToken cancellationToken)
        {
            var consumer = new AsyncEventingBasicConsumer(_channel!);
            consumer.ReceivedAsync += OnBatchAsync;
            _consumerTag = await _channel!.BasicConsumeAsync(owner._connection.Names.Partition(index), autoAck: false, consumer, cancellationToken).ConfigureAwait(false);
        }

        private async Task OnBatchAsync(object sender, BasicDeliverEventArgs message)
        {
            if (!WireFormat.TryReadBatchHeader(message.Body.Span, out var ordinal, out var receivedUnixMs, out var batchId, out var count, out var rowsOffset))
            {
                // Not a Vigil batch: nothing can ever read it, so it is dropped rather than redelivered forever.
                _acks.Writer.TryWrite(message.DeliveryTag);
                return;
            }

            var device = owner._registry.Find(ordinal);
            if (device is null)
            {
                // Registered on another node a moment ago: reload before deciding the device is gone.
                owner._registry.Synchronize(await owner._devices.LoadAllAsync(CancellationToken.None).ConfigureAwait(false));
                device = owner._registry.Find(ordinal);
            }

            if (device is null)
            {
                Log.UnknownDevice(owner._logger, ordinal);
                _acks.Writer.TryWrite(message.DeliveryTag);
                return;
            }

            var rows = IngestBatch.RentRows(Math.Max(1, count));
            WireFormat.ReadRows(message.Body.Span[rowsOffset..], rows.AsSpan(0, count));
            var tag = message.DeliveryTag;
            var batch = new IngestBatch(batchId, device, rows, count, WireFormat.FromUnixMs(receivedUnixMs, owner._time), () => _acks.Writer.TryWrite(tag));
            owner._metrics.AddQueueDepth(count);
            await owner._pipeline.EnqueueAsync(batch, index, CancellationToken.None).ConfigureAwait(false);
        }

        private async Task AcknowledgeAsync()
        {
            var reader = _acks.Reader;
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var tag))
                {
                    try
                    {
                        await _channel!.BasicAckAsync(tag, multiple: false).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // The channel failed (broker restart); the broker redelivers what was not acknowledged.
                        Log.BackgroundFailed(owner._logger, ex, "acknowledge");
                    }
                }
            }
        }
    }
}
