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
/// A pipeline stopped after learning a feeder's voltage saves its detector state; a new pipeline over the same
/// database restores it, so the learned band is back before any new reading arrives.
/// </summary>
public sealed class DetectorStateRestartTests : IAsyncLifetime
{
    private FeederDesk _harness = null!;
    private CancellationTokenSource _stop = null!;
    private RuleBook _rules = null!;
    private DeviceRegistry _devices = null!;
    private SqliteDatabase _database = null!;
    private SqliteDetectorStateStore _states = null!;
    private OperationsDesk _desk = null!;
    private VigilMetrics _metrics = null!;
    private DeviceEntry _feeder = null!;

    public async Task InitializeAsync()
    {
        _harness = await FeederDesk.StartAsync("restart");
        (_stop, _rules, _devices, _database, _states, _desk, _metrics, _feeder) =
            (_harness.Stop, _harness.RuleBook, _harness.Devices, _harness.Database, _harness.States, _harness.Desk, _harness.Metrics, _harness.Feeder);
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
    }

    [Fact]
    public async Task Band_learned_before_a_restart_is_restored_from_storage_before_any_new_reading()
    {
        var first = NewPipeline();
        await first.StartAsync(_stop.Token);
        var random = new Random(2);
        for (var start = 0; start < 1000; start += 100)
        {
            var rows = IngestBatch.RentRows(100);
            for (var i = 0; i < 100; i++)
            {
                var n = start + i;
                rows[i] = new ObservationRow(FeederDesk.StartMs + (n * FeederDesk.StepMs), 0, 230 + (4 * Math.Sin(2 * Math.PI * n / 288)) + random.NextDouble());
            }

            _metrics.AddQueueDepth(100);
            await first.EnqueueAsync(new IngestBatch($"b{start}", _feeder, rows, 100, 0), _stop.Token);
        }

        var learned = await first.GetExpectedBandAsync(_feeder, 0, CancellationToken.None);
        Assert.NotNull(learned);
        await first.StopAsync(CancellationToken.None);
        first.Dispose();
        Assert.NotNull(await _states.LoadAsync("feeder-1", CancellationToken.None));

        var second = NewPipeline();
        await second.StartAsync(_stop.Token);
        try
        {
            var restored = await second.GetExpectedBandAsync(_feeder, 0, CancellationToken.None);
            Assert.Equal(learned, restored);
        }
        finally
        {
            await second.StopAsync(CancellationToken.None);
            second.Dispose();
        }
    }

    private ObservationPipeline NewPipeline() =>
        new(
            Options.Create(new PipelineOptions { Partitions = 2, SilenceCheckInterval = TimeSpan.FromHours(1) }),
            _rules,
            _devices,
            _desk,
            _metrics,
            TimeProvider.System,
            stateStore: _states);
}
