using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
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
public sealed class ObservationPipeline : BackgroundService, IObservationBus
{
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
        TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
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
            _workers[i] = new PartitionWorker(i, count, _partitions[i].Reader, rules, devices, signals, metrics);
        }
    }

    public int PartitionCount => _partitions.Length;

    public ValueTask EnqueueAsync(IngestBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var partition = _partitions[batch.Device.Ordinal % _partitions.Length];
        return partition.Writer.WriteAsync(new PartitionItem(batch, 0), cancellationToken);
    }

    /// <summary>The embedded bus: a stored batch goes straight to the local partition that owns its device.</summary>
    ValueTask IObservationBus.PublishAsync(IngestBatch batch, CancellationToken cancellationToken) => EnqueueAsync(batch, cancellationToken);

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
        var workers = new Task[_workers.Length];
        for (var i = 0; i < _workers.Length; i++)
        {
            var worker = _workers[i];
            workers[i] = Task.Run(() => worker.RunAsync(stoppingToken), stoppingToken);
        }

        using var timer = new PeriodicTimer(_options.SilenceCheckInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
                foreach (var partition in _partitions)
                {
                    // A tick is skipped when the partition is full; the next one comes soon enough.
                    partition.Writer.TryWrite(new PartitionItem(null, now));
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
    }
}
