using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Vigil.Detection.Rules;
using Vigil.Domain.Alarms;
using Vigil.Domain.Devices;
using Vigil.Domain.Geo;
using Vigil.Platform.Configuration;
using Vigil.Platform.Diagnostics;
using Vigil.Platform.Feed;
using Vigil.Platform.Ingest;
using Vigil.Platform.Operations;
using Vigil.Platform.Pipeline;
using Vigil.Storage.Sqlite;

namespace Vigil.Platform.Tests;

/// <summary>
/// Two pipelines with shared partitions over one detector-state store stand for two nodes: a device's state moves
/// with the bus partition its batches arrive through, with no broker involved. The node that takes a partition over
/// continues from the previous owner's snapshot, and state a node holds without owning it never reaches storage.
/// </summary>
public sealed class PartitionTakeOverTests : IAsyncLifetime
{
    private const int BusPartition = 3;

    private FeederDesk _harness = null!;
    private CancellationTokenSource _stop = null!;
    private RuleBook _rules = null!;
    private DeviceRegistry _devices = null!;
    private readonly List<ObservationPipeline> _pipelines = [];
    private SqliteDatabase _database = null!;
    private SqliteDetectorStateStore _states = null!;
    private OperationsDesk _desk = null!;
    private VigilMetrics _metrics = null!;
    private DeviceEntry _feeder = null!;

    public async Task InitializeAsync()
    {
        _harness = await FeederDesk.StartAsync("takeover");
        (_stop, _rules, _devices, _database, _states, _desk, _metrics, _feeder) =
            (_harness.Stop, _harness.RuleBook, _harness.Devices, _harness.Database, _harness.States, _harness.Desk, _harness.Metrics, _harness.Feeder);
    }

    public async Task DisposeAsync()
    {
        foreach (var pipeline in _pipelines)
        {
            await pipeline.StopAsync(CancellationToken.None);
            pipeline.Dispose();
        }

        await _harness.DisposeAsync();
    }

    [Fact]
    public async Task First_batch_through_a_partition_taken_over_continues_from_the_previous_owners_snapshot()
    {
        var nodeA = await StartAsync();
        var nodeB = await StartAsync();
        await LearnAsync(nodeA, 1000);
        Assert.NotNull(await nodeA.GetExpectedBandAsync(_feeder, 0, CancellationToken.None));

        // A's periodic snapshot, as if it had been taken just before A died.
        Assert.Equal(1, await nodeA.HandOverAsync(BusPartition, PartitionHandOver.Save, CancellationToken.None));

        // B holds nothing for the device until a batch of it arrives through a partition B consumes.
        Assert.Null(await nodeB.GetExpectedBandAsync(_feeder, 0, CancellationToken.None));

        // The same next reading at both: B's state after it equals A's, so B continued exactly where A's snapshot was.
        await SendAsync(nodeA, 1000, 1, BusPartition);
        await SendAsync(nodeB, 1000, 1, BusPartition);
        var atA = await nodeA.GetExpectedBandAsync(_feeder, 0, CancellationToken.None);
        var atB = await nodeB.GetExpectedBandAsync(_feeder, 0, CancellationToken.None);
        Assert.NotNull(atB);
        Assert.Equal(atA, atB);
    }

    [Fact]
    public async Task Without_a_snapshot_the_new_owner_learns_afresh()
    {
        var nodeA = await StartAsync();
        var nodeB = await StartAsync();
        await LearnAsync(nodeA, 1000);

        // A dies before any snapshot: B starts from nothing, so its detector is still learning.
        await SendAsync(nodeB, 1000, 1, BusPartition);
        Assert.Null(await nodeB.GetExpectedBandAsync(_feeder, 0, CancellationToken.None));
    }

    [Fact]
    public async Task Released_partition_saves_its_devices_and_forgets_them_and_a_later_batch_reloads_the_snapshot()
    {
        var nodeA = await StartAsync();
        await LearnAsync(nodeA, 1000);
        var learned = await nodeA.GetExpectedBandAsync(_feeder, 0, CancellationToken.None);

        Assert.Equal(0, await nodeA.HandOverAsync(BusPartition + 1, PartitionHandOver.Release, CancellationToken.None));
        Assert.Equal(1, await nodeA.HandOverAsync(BusPartition, PartitionHandOver.Release, CancellationToken.None));
        Assert.Null(await nodeA.GetExpectedBandAsync(_feeder, 0, CancellationToken.None));
        Assert.NotNull(await _states.LoadAsync(_feeder.Device.Id, CancellationToken.None));

        // The device comes back to A later; A reloads what it saved, exactly as another node taking over would.
        var nodeC = await StartAsync();
        await SendAsync(nodeA, 1000, 1, BusPartition);
        await SendAsync(nodeC, 1000, 1, BusPartition);
        var atA = await nodeA.GetExpectedBandAsync(_feeder, 0, CancellationToken.None);
        Assert.NotNull(learned);
        Assert.NotNull(atA);
        Assert.Equal(await nodeC.GetExpectedBandAsync(_feeder, 0, CancellationToken.None), atA);
    }

    [Fact]
    public async Task Lost_partition_is_forgotten_without_overwriting_the_stored_snapshot()
    {
        var nodeA = await StartAsync();
        await LearnAsync(nodeA, 500);
        await nodeA.HandOverAsync(BusPartition, PartitionHandOver.Save, CancellationToken.None);
        var saved = await _states.LoadAsync(_feeder.Device.Id, CancellationToken.None);
        await SendAsync(nodeA, 500, 500, BusPartition);

        Assert.Equal(1, await nodeA.HandOverAsync(BusPartition, PartitionHandOver.Drop, CancellationToken.None));
        Assert.Null(await nodeA.GetExpectedBandAsync(_feeder, 0, CancellationToken.None));
        var after = await _states.LoadAsync(_feeder.Device.Id, CancellationToken.None);
        Assert.Equal(saved!.State, after!.State);
    }

    [Fact]
    public async Task State_held_without_owning_the_device_never_overwrites_the_owners_snapshot()
    {
        var nodeA = await StartAsync();
        var nodeB = await StartAsync();
        await LearnAsync(nodeA, 1000);
        await nodeA.HandOverAsync(BusPartition, PartitionHandOver.Save, CancellationToken.None);
        var saved = await _states.LoadAsync(_feeder.Device.Id, CancellationToken.None);

        // B counts a failed authentication of the device (the request reached B), which binds state there, then stops:
        // its shutdown snapshot must leave A's alone.
        Assert.True(nodeB.ReportAuthFailure(_feeder));
        Assert.Null(await nodeB.GetExpectedBandAsync(_feeder, 0, CancellationToken.None));
        await nodeB.StopAsync(CancellationToken.None);
        Assert.Equal(0, await nodeB.HandOverAsync(BusPartition, PartitionHandOver.Save, CancellationToken.None));

        var after = await _states.LoadAsync(_feeder.Device.Id, CancellationToken.None);
        Assert.Equal(saved!.SavedAt, after!.SavedAt);
        Assert.Equal(saved.State, after.State);
    }

    private async Task<ObservationPipeline> StartAsync()
    {
        var pipeline = new ObservationPipeline(
            Options.Create(new PipelineOptions
            {
                Partitions = 2,
                SharedPartitions = true,
                SilenceCheckInterval = TimeSpan.FromHours(1),
                SnapshotInterval = TimeSpan.FromHours(1),
            }),
            _rules,
            _devices,
            _desk,
            _metrics,
            TimeProvider.System,
            stateStore: _states);
        _pipelines.Add(pipeline);
        await pipeline.StartAsync(_stop.Token);
        return pipeline;
    }

    private Task LearnAsync(ObservationPipeline pipeline, int points) => SendAsync(pipeline, 0, points, BusPartition);

    /// <summary>Readings <paramref name="first"/>.. of a daily voltage cycle with noise, five minutes apart.</summary>
    private async Task SendAsync(ObservationPipeline pipeline, int first, int count, int busPartition)
    {
        for (var start = first; start < first + count; start += 100)
        {
            var size = Math.Min(100, first + count - start);
            var rows = IngestBatch.RentRows(size);
            for (var i = 0; i < size; i++)
            {
                var n = start + i;
                rows[i] = new ObservationRow(FeederDesk.StartMs + (n * FeederDesk.StepMs), 0, 230 + (4 * Math.Sin(2 * Math.PI * n / 288)) + (0.3 * Math.Sin(n * 1.7)));
            }

            _metrics.AddQueueDepth(size);
            await pipeline.EnqueueAsync(new IngestBatch($"b{start}", _feeder, rows, size, 0), busPartition, CancellationToken.None);
        }
    }
}
