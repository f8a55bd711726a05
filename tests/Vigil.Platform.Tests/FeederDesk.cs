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
using Vigil.Storage.Sqlite;

namespace Vigil.Platform.Tests;

/// <summary>
/// One power feeder whose voltage an anomaly rule learns, with an operations desk and a detector-state store over a
/// throw-away SQLite database: what the tests of detector state across restarts and partition take-overs share.
/// </summary>
internal sealed class FeederDesk : IAsyncDisposable
{
    /// <summary>Five-minute readings from a Monday midnight.</summary>
    public const long StepMs = 5 * 60_000;

    public static readonly long StartMs = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

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

    private readonly string _directory;

    private FeederDesk(string directory, SqliteDatabase database, OperationsDesk desk, VigilMetrics metrics, RuleBook rules, DeviceRegistry devices, DeviceEntry feeder)
    {
        _directory = directory;
        Database = database;
        States = new SqliteDetectorStateStore(database);
        Desk = desk;
        Metrics = metrics;
        RuleBook = rules;
        Devices = devices;
        Feeder = feeder;
    }

    public CancellationTokenSource Stop { get; } = new();

    public SqliteDatabase Database { get; }

    public SqliteDetectorStateStore States { get; }

    public OperationsDesk Desk { get; }

    public VigilMetrics Metrics { get; }

    public RuleBook RuleBook { get; }

    public DeviceRegistry Devices { get; }

    public DeviceEntry Feeder { get; }

    /// <param name="name">Names the temporary folder, so a leftover one says which test left it.</param>
    public static async Task<FeederDesk> StartAsync(string name)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"vigil-{name}-" + Guid.NewGuid().ToString("N"));
        var database = new SqliteDatabase(new SqliteOptions { DatabasePath = Path.Combine(directory, "vigil.db") });
        var feeder = new DeviceEntry(1, new Device
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
        var devices = new DeviceRegistry();
        devices.Upsert(feeder);
        var rules = new RuleBook(Rules);
        var metrics = new VigilMetrics();
        var desk = new OperationsDesk(
            new SqliteOperationsStore(database), new InProcessLiveFeed(), rules, devices, Options.Create(new OperationsOptions()),
            TimeProvider.System, metrics, NullLogger<OperationsDesk>.Instance);
        var harness = new FeederDesk(directory, database, desk, metrics, rules, devices, feeder);
        await desk.StartAsync(harness.Stop.Token);
        await desk.Ready.WaitAsync(TimeSpan.FromSeconds(30));
        return harness;
    }

    public async ValueTask DisposeAsync()
    {
        await Desk.StopAsync(CancellationToken.None);
        Stop.Dispose();
        Desk.Dispose();
        Metrics.Dispose();
        await Database.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
