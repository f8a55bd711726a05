using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Vigil.Detection.Neighbours;
using Vigil.Detection.Rules;
using Vigil.Platform.Configuration;
using Vigil.Platform.Diagnostics;
using Vigil.Platform.Ingest;
using Vigil.Platform.Ports;

namespace Vigil.Platform.Pipeline;

/// <summary>
/// Stored batches go to partitions by device ordinal, over bounded channels, each drained by one worker. A device's
/// observations therefore meet its rule state in order and on one thread.
/// </summary>
public sealed partial class ObservationPipeline : BackgroundService, IObservationBus
{
    private readonly ConcurrentDictionary<string, byte[]> _restorable = new(StringComparer.Ordinal);
    private readonly IDetectorStateStore? _stateStore;
    private readonly ILogger _logger;
    private readonly Channel<PartitionItem>[] _partitions;
    private readonly PartitionWorker[] _workers;
    private readonly PipelineOptions _options;
    private readonly TimeProvider _time;

    public ObservationPipeline(
        IOptions<PipelineOptions> options,
        RuleBook rules,
        DeviceRegistry devices,
        IAlarmSignalSink signals,
        VigilMetrics metrics,
        TimeProvider timeProvider,
        NeighbourIndex? neighbours = null,
        IDetectorStateStore? stateStore = null,
        ILogger<ObservationPipeline>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _stateStore = stateStore;
        _logger = logger ?? NullLogger<ObservationPipeline>.Instance;
        _options = options.Value;
        _time = timeProvider;
        var count = _options.EffectivePartitions;
        _partitions = new Channel<PartitionItem>[count];
        _workers = new PartitionWorker[count];
        for (var i = 0; i < count; i++)
        {
            // Wait when full: the ingest gate already bounds what is in flight, so a full partition only slows writers briefly.
            _partitions[i] = Channel.CreateBounded<PartitionItem>(new BoundedChannelOptions(_options.PartitionCapacity)
            {
                SingleReader = true,
                FullMode = BoundedChannelFullMode.Wait,
            });
            _workers[i] = new PartitionWorker(i, count, _partitions[i].Reader, rules, devices, signals, metrics, timeProvider, neighbours)
            {
                StateStore = stateStore,
                Restorable = _restorable,
                Logger = _logger,
                SharedPartitions = _options.SharedPartitions,
            };
        }
    }

    public int PartitionCount => _partitions.Length;

    public ValueTask EnqueueAsync(IngestBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var partition = _partitions[batch.Device.Ordinal % _partitions.Length];
        return partition.Writer.WriteAsync(new PartitionItem(batch, 0), cancellationToken);
    }

    /// <summary>
    /// A batch received through bus partition <paramref name="busPartition"/> of a bus shared by several nodes: its
    /// device's state is owned through that partition, and loaded from its snapshot if this node did not own it so.
    /// </summary>
    public ValueTask EnqueueAsync(IngestBatch batch, int busPartition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentOutOfRangeException.ThrowIfNegative(busPartition);
        var partition = _partitions[batch.Device.Ordinal % _partitions.Length];
        return partition.Writer.WriteAsync(new PartitionItem(batch, 0, Owner: busPartition), cancellationToken);
    }

    /// <summary>
    /// Saves or forgets the detector state of the devices owned through bus partition <paramref name="busPartition"/>,
    /// after every batch queued before this call has been evaluated. Returns the number of devices saved (or
    /// forgotten, for <see cref="PartitionHandOver.Drop"/>); 0 once the pipeline has stopped.
    /// </summary>
    public async Task<int> HandOverAsync(int busPartition, PartitionHandOver kind, CancellationToken cancellationToken)
    {
        var requests = new Task<int>[_partitions.Length];
        for (var i = 0; i < _partitions.Length; i++)
        {
            var request = new HandOverRequest(busPartition, kind);
            try
            {
                await _partitions[i].Writer.WriteAsync(new PartitionItem(null, 0, HandOver: request), cancellationToken).ConfigureAwait(false);
            }
            catch (ChannelClosedException)
            {
                // The pipeline has stopped and saved every owned state on its way out.
                request.Complete(0);
            }

            requests[i] = request.Done;
        }

        var devices = 0;
        foreach (var count in await Task.WhenAll(requests).WaitAsync(cancellationToken).ConfigureAwait(false))
        {
            devices += count;
        }

        return devices;
    }

    /// <summary>The embedded bus: a stored batch goes straight to the local partition that owns its device.</summary>
    ValueTask IObservationBus.PublishAsync(IngestBatch batch, CancellationToken cancellationToken) => EnqueueAsync(batch, cancellationToken);

    /// <summary>
    /// A request claiming to be <paramref name="device"/> failed to authenticate. Dropped when the partition is full:
    /// a flood of failures fills it, and the ones that do get through are enough to raise the burst alarm.
    /// </summary>
    public bool ReportAuthFailure(DeviceEntry device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var partition = _partitions[device.Ordinal % _partitions.Length];
        return partition.Writer.TryWrite(new PartitionItem(null, _time.GetUtcNow().ToUnixTimeMilliseconds(), null, device));
    }

    /// <summary>
    /// <paramref name="device"/> sent a stored message that carries no observations (a camera's detection batch, whose
    /// last frame was taken <paramref name="at"/>): its health rules must count it as alive. Waits when the partition is
    /// full rather than dropping it, because a lost one could raise a false device-offline alarm. Like authentication
    /// failures, it goes to the local partition: the node that accepted the message.
    /// </summary>
    public ValueTask ReportActivityAsync(DeviceEntry device, DateTimeOffset at, double size, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        var partition = _partitions[device.Ordinal % _partitions.Length];
        return partition.Writer.WriteAsync(
            new PartitionItem(null, at.ToUnixTimeMilliseconds(), ActiveDevice: device, ActivityValue: size), cancellationToken);
    }

    /// <summary>
    /// The band the device's anomaly rule expected at its latest observation of the quantity, or null when no anomaly
    /// rule watches it or its detector is still learning. Answered by the partition worker that owns the state.
    /// </summary>
    public async Task<ExpectedBand?> GetExpectedBandAsync(DeviceEntry device, int quantityIndex, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        var query = new BandQuery(device, quantityIndex);
        var partition = _partitions[device.Ordinal % _partitions.Length];
        await partition.Writer.WriteAsync(new PartitionItem(null, 0, query), cancellationToken).ConfigureAwait(false);
        return await query.Answer.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await LoadSnapshotsAsync(stoppingToken).ConfigureAwait(false);
        var workers = new Task[_workers.Length];
        for (var i = 0; i < _workers.Length; i++)
        {
            var worker = _workers[i];
            workers[i] = Task.Run(() => worker.RunAsync(stoppingToken), stoppingToken);
        }

        using var timer = new PeriodicTimer(_options.SilenceCheckInterval, _time);
        var lastSnapshot = _time.GetUtcNow();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var at = _time.GetUtcNow();
                var now = at.ToUnixTimeMilliseconds();
                var snapshot = _stateStore is not null && at - lastSnapshot >= _options.SnapshotInterval;
                if (snapshot)
                {
                    lastSnapshot = at;
                }

                foreach (var partition in _partitions)
                {
                    // A tick is skipped when the partition is full; the next one comes soon enough.
                    partition.Writer.TryWrite(new PartitionItem(null, now, Snapshot: snapshot));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        foreach (var partition in _partitions)
        {
            partition.Writer.TryComplete();
        }

        try
        {
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Workers stop with the host.
        }

        // The workers have stopped, so their state is still: save it for the next start.
        foreach (var worker in _workers)
        {
            await worker.SnapshotAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task LoadSnapshotsAsync(CancellationToken cancellationToken)
    {
        // With shared partitions a device's snapshot is loaded when its first batch arrives here: at start this node
        // owns nothing yet, and a snapshot read now could be stale by the time the device's partition comes here.
        if (_stateStore is null || _options.SharedPartitions)
        {
            return;
        }

        IReadOnlyList<DetectorSnapshot> snapshots;
        try
        {
            snapshots = await _stateStore.LoadAllAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Without the snapshots the detectors learn again from scratch; detection itself must not wait for storage.
            Log.SnapshotsUnavailable(_logger, ex);
            return;
        }

        foreach (var snapshot in snapshots)
        {
            _restorable[snapshot.DeviceId] = snapshot.State;
        }

        Log.SnapshotsLoaded(_logger, snapshots.Count);
    }

    internal static void LogSnapshotFailed(ILogger logger, int partition, Exception exception) => Log.SnapshotFailed(logger, partition, exception);

    internal static void LogSnapshotRefused(ILogger logger, string deviceId) => Log.SnapshotRefused(logger, deviceId);

    internal static void LogTookOver(ILogger logger, string deviceId, int busPartition, bool restored) => Log.TookOver(logger, deviceId, busPartition, restored);

    internal static void LogTakeOverFailed(ILogger logger, string deviceId, Exception exception) => Log.TakeOverFailed(logger, deviceId, exception);

    private static partial class Log
    {
        [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Loaded detector state of {Count} devices")]
        public static partial void SnapshotsLoaded(ILogger logger, int count);

        [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Detector state could not be loaded; detectors learn afresh")]
        public static partial void SnapshotsUnavailable(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Partition {Partition} could not save detector state")]
        public static partial void SnapshotFailed(ILogger logger, int partition, Exception exception);

        [LoggerMessage(EventId = 2104, Level = LogLevel.Information, Message = "Stored detector state of device {DeviceId} was refused (rules or device changed); it learns afresh")]
        public static partial void SnapshotRefused(ILogger logger, string deviceId);

        [LoggerMessage(EventId = 2105, Level = LogLevel.Debug, Message = "Device {DeviceId} now owned through bus partition {BusPartition}; stored detector state restored: {Restored}")]
        public static partial void TookOver(ILogger logger, string deviceId, int busPartition, bool restored);

        [LoggerMessage(EventId = 2106, Level = LogLevel.Warning, Message = "Detector state of device {DeviceId} could not be loaded on take-over; its batch meets fresh state and the next one tries again")]
        public static partial void TakeOverFailed(ILogger logger, string deviceId, Exception exception);
    }
}
