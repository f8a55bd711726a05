using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Vigil.Detection.Rules;
using Vigil.Domain.Alarms;
using Vigil.Domain.Devices;
using Vigil.Domain.Geo;
using Vigil.Platform.Configuration;
using Vigil.Platform.Contracts;
using Vigil.Platform.Diagnostics;
using Vigil.Platform.Feed;
using Vigil.Platform.Ingest;
using Vigil.Platform.Operations;
using Vigil.Platform.Pipeline;
using Vigil.Platform.Ports;
using Vigil.Storage.Sqlite;

namespace Vigil.Platform.Tests;

/// <summary>
/// Observations of a power feeder through the real pipeline and operations desk (SQLite in a temporary file): a spike
/// raises an anomaly alarm that explains the expected band, an impossible reading raises a device fault, and neither
/// opens an incident.
/// </summary>
public sealed class AnomalyPipelineTests : IAsyncLifetime
{
    private const long StepMs = 5 * 60_000;
    private static readonly long StartMs = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "vigil-anomaly-" + Guid.NewGuid().ToString("N"));
    private readonly CancellationTokenSource _stop = new();
    private SqliteDatabase _database = null!;
    private SqliteOperationsStore _store = null!;
    private OperationsDesk _desk = null!;
    private ObservationPipeline _pipeline = null!;
    private VigilMetrics _metrics = null!;
    private DeviceEntry _feeder = null!;

    private static readonly RuleDefinition[] Rules =
    [
        new()
        {
            Id = "feeder-voltage-anomaly",
            Type = RuleType.Anomaly,
            DeviceKind = DeviceKind.PowerGrid,
            Quantity = "voltage",
            Detector = "default",
            LearningPoints = 576,
            RaiseAt = 0.99,
            ClearAt = 0.5,
            Severity = Severity.Minor,
        },
        new()
        {
            Id = "voltage-impossible",
            Type = RuleType.ImpossibleValue,
            Quantity = "voltage",
            Category = AlarmCategory.DeviceFault,
            Severity = Severity.Minor,
        },
    ];

    public async Task InitializeAsync()
    {
        _database = new SqliteDatabase(new SqliteOptions { DatabasePath = Path.Combine(_directory, "vigil.db") });
        _store = new SqliteOperationsStore(_database);
        var rules = new RuleBook(Rules);
        var devices = new DeviceRegistry();
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
        devices.Upsert(_feeder);
        _metrics = new VigilMetrics();
        _desk = new OperationsDesk(_store, new InProcessLiveFeed(), rules, devices, Options.Create(new OperationsOptions()), TimeProvider.System, _metrics, NullLogger<OperationsDesk>.Instance);
        _pipeline = new ObservationPipeline(
            Options.Create(new PipelineOptions { Partitions = 2, SilenceCheckInterval = TimeSpan.FromHours(1) }),
            rules,
            devices,
            _desk,
            _metrics,
            TimeProvider.System);
        await _desk.StartAsync(_stop.Token);
        await _desk.Ready.WaitAsync(TimeSpan.FromSeconds(30));
        await _pipeline.StartAsync(_stop.Token);
    }

    public async Task DisposeAsync()
    {
        await _pipeline.StopAsync(CancellationToken.None);
        await _desk.StopAsync(CancellationToken.None);
        _stop.Dispose();
        _pipeline.Dispose();
        _desk.Dispose();
        _metrics.Dispose();
        await _database.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Spike_raises_an_explained_anomaly_and_an_impossible_value_a_device_fault_without_incidents()
    {
        var random = new Random(1);
        var values = new double[2200];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = 230 + (4 * Math.Sin(2 * Math.PI * i / 288)) + (0.5 * ((random.NextDouble() * 2) - 1));
        }

        values[2000] = 262;
        values[2100] = -7;
        for (var start = 0; start < values.Length; start += 100)
        {
            var rows = IngestBatch.RentRows(100);
            for (var i = 0; i < 100; i++)
            {
                rows[i] = new ObservationRow(StartMs + ((start + i) * StepMs), 0, values[start + i]);
            }

            _metrics.AddQueueDepth(100);
            await _pipeline.EnqueueAsync(new IngestBatch($"b{start}", _feeder, rows, 100, 0), _stop.Token);
        }

        var alarms = await WaitForAlarmsAsync();
        var anomaly = Assert.Single(alarms, a => a.RuleId == "feeder-voltage-anomaly" && a.Explanation.ObservedValue == 262);
        Assert.Equal(AlarmCategory.Emergency, anomaly.Category);
        Assert.Null(anomaly.IncidentType);
        Assert.Equal(262, anomaly.Explanation.ObservedValue);
        Assert.NotNull(anomaly.Explanation.ExpectedLow);
        Assert.NotNull(anomaly.Explanation.ExpectedHigh);
        Assert.InRange(anomaly.Explanation.ExpectedHigh!.Value, 225, 240);
        Assert.Contains("above the expected band", anomaly.Explanation.Observed, StringComparison.Ordinal);

        var fault = Assert.Single(alarms, a => a.RuleId == "voltage-impossible");
        Assert.Equal(AlarmCategory.DeviceFault, fault.Category);
        Assert.Equal(-7, fault.Explanation.ObservedValue);
        Assert.Contains("physically impossible", fault.Explanation.Observed, StringComparison.Ordinal);

        Assert.Empty(await _store.ListIncidentsAsync(new IncidentQuery(), CancellationToken.None));

        var band = await _pipeline.GetExpectedBandAsync(_feeder, 0, CancellationToken.None);
        Assert.NotNull(band);
        Assert.True(band.Value.Low < band.Value.High);
        Assert.Equal(StartMs + ((values.Length - 1) * StepMs), band.Value.TimestampMs);
    }

    private async Task<IReadOnlyList<AlarmView>> WaitForAlarmsAsync()
    {
        // The last batch holds the impossible reading, so once its alarm is stored every earlier signal is too.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var alarms = await _store.ListAlarmsAsync(new AlarmQuery(DeviceId: "feeder-1"), CancellationToken.None);
            if (alarms.Any(a => a.RuleId == "voltage-impossible") || DateTime.UtcNow > deadline)
            {
                return alarms;
            }

            await Task.Delay(50);
        }
    }
}
