using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Vigil.Detection.Rules;
using Vigil.Domain.Alarms;
using Vigil.Domain.Devices;
using Vigil.Domain.Geo;
using Vigil.Platform.Configuration;
using Vigil.Platform.Ingest;
using Vigil.Platform.Ports;
using Vigil.Storage.Sqlite;

namespace Vigil.Benchmarks.Ingest;

/// <summary>
/// The cost per observation of each stage a batch passes through on its way to an alarm: parsing and validating the
/// JSON, evaluating the rules, and committing to SQLite (twenty batches per group commit, as under load).
/// Together they show where the ingest time goes.
/// </summary>
[MemoryDiagnoser]
public class IngestStageBenchmarks
{
    private const int BatchSize = 500;
    private const int BatchesPerCommit = 20;
    private readonly List<RuleSignal> _signals = [];
    private byte[] _body = [];
    private ObservationBatchParser _parser = null!;
    private DeviceEntry _device = null!;
    private RuleBook _rules = null!;
    private DeviceRuleState _state = null!;
    private double[] _values = [];
    private long _clockMs;
    private string _folder = "";
    private SqliteDatabase _database = null!;
    private SqliteObservationStore _store = null!;
    private IngestBatch[] _batches = [];
    private int _round;

    [GlobalSetup]
    public void Setup()
    {
        var device = new Device
        {
            Id = "bench-1",
            Name = "Bench sensor",
            Kind = DeviceKind.Acoustic,
            Location = new GeoPoint(44.49, 11.34),
            AgencyId = "police",
            Quantities = [new QuantitySpec("impulse_db", "dB")],
            KeyHash = "x",
            RegisteredAt = DateTimeOffset.UtcNow,
        };
        _device = new DeviceEntry(1, device);
        _parser = new ObservationBatchParser(new IngestOptions(), TimeProvider.System);
        var start = DateTimeOffset.UtcNow.AddMinutes(-1);
        var text = new StringBuilder("{\"batchId\":\"b1\",\"observations\":[");
        for (var i = 0; i < BatchSize; i++)
        {
            text.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture,
                $"{{\"quantity\":\"impulse_db\",\"time\":\"{start.AddMilliseconds(i * 10).UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}\",\"value\":{55 + (i % 15)}}}");
        }

        _body = Encoding.UTF8.GetBytes(text.Append("]}").ToString());

        _rules = new RuleBook([
            new RuleDefinition { Id = "gunshot", Type = RuleType.Threshold, DeviceKind = DeviceKind.Acoustic, Quantity = "impulse_db", RaiseAt = 130, ClearAt = 100, Severity = Severity.Critical, IncidentType = "gunshot" },
            new RuleDefinition { Id = "loud", Type = RuleType.Threshold, DeviceKind = DeviceKind.Acoustic, Quantity = "impulse_db", RaiseAt = 90, ClearAt = 80, MinDuration = TimeSpan.FromSeconds(30), IncidentType = "noise" },
            new RuleDefinition { Id = "offline", Type = RuleType.MissingData, MaxSilence = TimeSpan.FromMinutes(5) },
        ]);
        _state = _rules.Bind(1, DeviceKind.Acoustic, device.Quantities, 0);
        _values = new double[BatchSize];
        for (var i = 0; i < _values.Length; i++)
        {
            _values[i] = i % 97 == 0 ? 140 : 55 + (i % 15);
        }

        _folder = Path.Combine(Path.GetTempPath(), $"vigil-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_folder);
        _database = new SqliteDatabase(new SqliteOptions { DatabasePath = Path.Combine(_folder, "bench.db") });
        _store = new SqliteObservationStore(_database);
        _batches = new IngestBatch[BatchesPerCommit];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _database.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = BatchSize, Description = "parse + validate (per observation)")]
    public int Parse()
    {
        var result = _parser.Parse(_body, _device, 0);
        var count = result.Batch!.Count;
        result.Batch.Release();
        return count;
    }

    [Benchmark(OperationsPerInvoke = BatchSize, Description = "rules (per observation)")]
    public int Rules()
    {
        _signals.Clear();
        for (var i = 0; i < _values.Length; i++)
        {
            _rules.Observe(_state, 0, _clockMs += 10, _values[i], _signals);
        }

        return _signals.Count;
    }

    [Benchmark(OperationsPerInvoke = BatchSize * BatchesPerCommit, Description = "SQLite group commit (per observation)")]
    public async Task<int> Commit()
    {
        var appends = new Task<AppendOutcome>[BatchesPerCommit];
        for (var b = 0; b < BatchesPerCommit; b++)
        {
            var parsed = _parser.Parse(_body, _device, 0).Batch!;
            _batches[b] = new IngestBatch($"r{_round}-{b}", _device, CopyRows(parsed), parsed.Count, 0);
            parsed.Release();
            appends[b] = _store.AppendAsync(_batches[b], CancellationToken.None).AsTask();
        }

        _round++;
        await Task.WhenAll(appends).ConfigureAwait(false);
        foreach (var batch in _batches)
        {
            batch.Release();
        }

        return appends.Length;
    }

    private static ObservationRow[] CopyRows(IngestBatch batch)
    {
        var rows = IngestBatch.RentRows(batch.Count);
        batch.Rows.CopyTo(rows);
        return rows;
    }
}
