using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vigil.Platform.Configuration;
using Vigil.Platform.Diagnostics;
using Vigil.Platform.Operations;

namespace Vigil.Platform.Cameras;

/// <summary>
/// Stored detection batches go to partitions by the camera's device ordinal, over bounded channels, each drained by one
/// worker: a camera's frames meet its tracker in order and on one thread, as a sensor's observations meet its rules.
/// </summary>
public sealed class CameraPipeline : BackgroundService
{
    private readonly Channel<CameraBatch>[] _partitions;
    private readonly CameraWorker[] _workers;

    public CameraPipeline(
        IOptions<PipelineOptions> options,
        CameraRegistry cameras,
        CameraActivity activity,
        OperationsDesk desk,
        VigilMetrics metrics,
        ILogger<CameraPipeline> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var count = options.Value.EffectivePartitions;
        _partitions = new Channel<CameraBatch>[count];
        _workers = new CameraWorker[count];
        for (var i = 0; i < count; i++)
        {
            // Wait when full: the ingest gate already bounds what is in flight, so a full partition only slows writers briefly.
            _partitions[i] = Channel.CreateBounded<CameraBatch>(new BoundedChannelOptions(options.Value.PartitionCapacity)
            {
                SingleReader = true,
                FullMode = BoundedChannelFullMode.Wait,
            });
            _workers[i] = new CameraWorker(_partitions[i].Reader, cameras, activity, desk, metrics, logger);
        }
    }

    public ValueTask EnqueueAsync(CameraBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return _partitions[batch.Camera.Ordinal % _partitions.Length].Writer.WriteAsync(batch, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = new Task[_workers.Length];
        for (var i = 0; i < _workers.Length; i++)
        {
            var worker = _workers[i];
            workers[i] = Task.Run(() => worker.RunAsync(stoppingToken), stoppingToken);
        }

        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken).ConfigureAwait(false);
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
