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
    private const long StepMs = 5 * 60_000;
    private static readonly long StartMs = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static readonly RuleDefinition[] Rules =
    [
        new()
        {
            Id = "feeder-voltage-anomaly",
            Type = RuleType.Anomaly,
            Quantity = "voltage",
            LearningPoints = 576,
            RaiseAt = 0.99,
            ClearAt = 0.5,
            Severity = Severity.Minor,
        },
    ];

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "vigil-restart-" + Guid.NewGuid().ToString("N"));
    private readonly CancellationTokenSource _stop = new();
    private readonly RuleBook _rules = new(Rules);
    private readonly DeviceRegistry _devices = new();
    private SqliteDatabase _database = null!;
    private SqliteDetectorStateStore _states = null!;
    private OperationsDesk _desk = null!;
    private VigilMetrics _metrics = null!;
    private DeviceEntry _feeder = null!;

    public async Task InitializeAsync()
    {
        _database = new SqliteDatabase(new SqliteOptions { DatabasePath = Path.Combine(_directory, "vigil.db") });
        _states = new SqliteDetectorStateStore(_database);
        _feeder = new DeviceEntry(1, new Device
        {
            Id = "feeder-1",
            Name = "Feeder 1",
            Kind = DeviceKind.PowerGrid,
            Location = new GeoPoint(45.52, -122.68),
            AgencyId = "utility",
            Quantities = [new QuantitySpec("voltage", "V")],
            KeyHash = new string('0', 64),
            RegisteredAt = DateTimeOffset.UnixEpoch,
        });
        _devices.Upsert(_feeder);
        _metrics = new VigilMetrics();
        _desk = new OperationsDesk(
            new SqliteOperationsStore(_database), new InProcessLiveFeed(), _rules, _devices, Options.Create(new OperationsOptions()),
            TimeProvider.System, _metrics, NullLogger<OperationsDesk>.Instance);
        await _desk.StartAsync(_stop.Token);
        await _desk.Ready.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        await _desk.StopAsync(CancellationToken.None);
        _stop.Dispose();
        _desk.Dispose();
        _metrics.Dispose();
        await _database.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
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
                rows[i] = new ObservationRow(StartMs + (n * StepMs), 0, 230 + (4 * Math.Sin(2 * Math.PI * n / 288)) + random.NextDouble());
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
