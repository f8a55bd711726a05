using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Vigil.Platform.Ports;

namespace Vigil.Storage.Sqlite;

/// <summary>
/// The embedded database: SQLite in WAL mode with exactly one writer. Every change, from an observation batch to an
/// incident note, queues as a job for the writer thread, which runs whatever is queued in one transaction (group
/// commit) and only then completes the jobs. Readers open their own connections and never wait for the writer.
/// </summary>
public sealed class SqliteDatabase : IAsyncDisposable
{
    private const int MaxJobsPerTransaction = 1024;
    private readonly Channel<WriteJob> _jobs = Channel.CreateBounded<WriteJob>(
        new BoundedChannelOptions(100_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly string _writeConnectionString;
    private readonly string _readConnectionString;
    private readonly SqliteOptions _options;
    private readonly Thread _writerThread;
    private readonly TaskCompletionSource _writerStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string _lastAuditHash = string.Empty;

    public SqliteDatabase(SqliteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        var directory = Path.GetDirectoryName(Path.GetFullPath(options.DatabasePath));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _writeConnectionString = new SqliteConnectionStringBuilder { DataSource = options.DatabasePath, Pooling = false }.ToString();
        _readConnectionString = new SqliteConnectionStringBuilder { DataSource = options.DatabasePath, Mode = SqliteOpenMode.ReadWrite, Pooling = true }.ToString();
        Writer = new SqliteConnection(_writeConnectionString);
        Writer.Open();
        Execute(Writer, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536;");
        AppliedMigrations = Migrate();
        _lastAuditHash = LoadLastAuditHash();
        Observations = new ObservationWriter(this);
        _writerThread = new Thread(WriterLoop) { IsBackground = true, Name = "vigil-sqlite-writer" };
        _writerThread.Start();
    }

    /// <summary>Migrations applied when this database was opened (0 when it was up to date).</summary>
    public int AppliedMigrations { get; }

    public int SchemaVersion { get; private set; }

    internal SqliteConnection Writer { get; }

    internal ObservationWriter Observations { get; }

    public SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(_readConnectionString);
        connection.Open();
        Execute(connection, "PRAGMA busy_timeout=10000;");
        return connection;
    }

    /// <summary>Runs <paramref name="work"/> on the writer thread inside the next group transaction.</summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        var job = new WriteJob<T>(work);
        if (!_jobs.Writer.TryWrite(job))
        {
            return WriteSlowAsync(job, cancellationToken);
        }

        return job.Task;
    }

    /// <summary>Appends an audit record in the current write transaction, chaining its hash to the previous one.</summary>
    internal void AppendAudit(SqliteConnection connection, AuditRecord record)
    {
        var at = record.At.ToUniversalTime().ToString("O");
        var content = string.Join('\u001f', _lastAuditHash, at, record.Actor, record.Action, record.EntityType, record.EntityId, record.Before ?? string.Empty, record.After ?? string.Empty);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO audit (at, actor, action, entity_type, entity_id, before, after, prev_hash, hash) VALUES ($at, $actor, $action, $type, $id, $before, $after, $prev, $hash)";
        command.Parameters.AddWithValue("$at", at);
        command.Parameters.AddWithValue("$actor", record.Actor);
        command.Parameters.AddWithValue("$action", record.Action);
        command.Parameters.AddWithValue("$type", record.EntityType);
        command.Parameters.AddWithValue("$id", record.EntityId);
        command.Parameters.AddWithValue("$before", (object?)record.Before ?? DBNull.Value);
        command.Parameters.AddWithValue("$after", (object?)record.After ?? DBNull.Value);
        command.Parameters.AddWithValue("$prev", _lastAuditHash);
        command.Parameters.AddWithValue("$hash", hash);
        command.ExecuteNonQuery();
        _lastAuditHash = hash;
    }

    /// <summary>Recomputes the audit chain; returns the sequence number of the first broken link, or null when intact.</summary>
    public long? VerifyAuditChain()
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, at, actor, action, entity_type, entity_id, before, after, prev_hash, hash FROM audit ORDER BY seq";
        using var reader = command.ExecuteReader();
        var previous = string.Empty;
        while (reader.Read())
        {
            var content = string.Join('\u001f', previous, reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.IsDBNull(6) ? string.Empty : reader.GetString(6), reader.IsDBNull(7) ? string.Empty : reader.GetString(7));
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
            if (reader.GetString(8) != previous || reader.GetString(9) != hash)
            {
                return reader.GetInt64(0);
            }

            previous = hash;
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        _jobs.Writer.TryComplete();
        await _writerStopped.Task.ConfigureAwait(false);
        Writer.Dispose();
        SqliteConnection.ClearAllPools();
    }

    internal static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private async Task<T> WriteSlowAsync<T>(WriteJob<T> job, CancellationToken cancellationToken)
    {
        await _jobs.Writer.WriteAsync(job, cancellationToken).ConfigureAwait(false);
        return await job.Task.ConfigureAwait(false);
    }

    private int Migrate()
    {
        Execute(Writer, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
        using (var query = Writer.CreateCommand())
        {
            query.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
            SchemaVersion = Convert.ToInt32(query.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        var applied = 0;
        foreach (var (version, name, sql) in Migrations.All)
        {
            if (version <= SchemaVersion)
            {
                continue;
            }

            using var transaction = WriterTransaction.Begin(Writer);
            Execute(Writer, sql);
            using var record = Writer.CreateCommand();
            record.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($v, $n, $at)";
            record.Parameters.AddWithValue("$v", version);
            record.Parameters.AddWithValue("$n", name);
            record.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O"));
            record.ExecuteNonQuery();
            transaction.Commit();
            SchemaVersion = version;
            applied++;
        }

        return applied;
    }

    private string LoadLastAuditHash()
    {
        using var command = Writer.CreateCommand();
        command.CommandText = "SELECT hash FROM audit ORDER BY seq DESC LIMIT 1";
        return command.ExecuteScalar() as string ?? string.Empty;
    }

    private void WriterLoop()
    {
        var batch = new List<WriteJob>(MaxJobsPerTransaction);
        var reader = _jobs.Reader;
        var lastCompaction = Stopwatch.GetTimestamp();
        try
        {
            Task<bool>? wait = null;
            while (true)
            {
                wait ??= reader.WaitToReadAsync().AsTask();
                if (!wait.Wait(_options.CompactInterval))
                {
                    // Idle: fold what has accumulated while nobody is waiting for the writer.
                    CompactIfDue(ref lastCompaction, force: true);
                    continue;
                }

                var more = wait.Result;
                wait = null;
                if (!more)
                {
                    break;
                }

                batch.Clear();
                while (batch.Count < MaxJobsPerTransaction && reader.TryRead(out var job))
                {
                    batch.Add(job);
                }

                RunTransaction(batch);
                CompactIfDue(ref lastCompaction, force: false);
            }

            CompactIfDue(ref lastCompaction, force: true);
        }
        finally
        {
            _writerStopped.TrySetResult();
        }
    }

    private void RunTransaction(List<WriteJob> batch)
    {
        var auditHashAtStart = _lastAuditHash;
        try
        {
            using var transaction = WriterTransaction.Begin(Writer);
            for (var i = 0; i < batch.Count; i++)
            {
                // A savepoint per job: one bad job is rolled back and failed alone, the rest still commit.
                var hashBeforeJob = _lastAuditHash;
                Execute(Writer, "SAVEPOINT job");
                try
                {
                    batch[i].Run(Writer);
                    Execute(Writer, "RELEASE job");
                }
                catch (Exception ex) when (ex is SqliteException or InvalidOperationException or ArgumentException)
                {
                    Execute(Writer, "ROLLBACK TO job; RELEASE job");
                    _lastAuditHash = hashBeforeJob;
                    batch[i].Fail(ex);
                    batch[i] = FailedJob.Instance;
                }
            }

            transaction.Commit();
        }
        catch (Exception ex)
        {
            _lastAuditHash = auditHashAtStart;
            Observations.ResetPendingCount();
            foreach (var job in batch)
            {
                job.Fail(ex);
            }

            return;
        }

        foreach (var job in batch)
        {
            job.Complete();
        }
    }

    private void CompactIfDue(ref long lastCompaction, bool force)
    {
        var due = Observations.PendingRows >= _options.CompactAfterRows ||
                  (Observations.PendingRows > 0 && (force || Stopwatch.GetElapsedTime(lastCompaction) >= _options.CompactInterval));
        if (!due)
        {
            return;
        }

        lastCompaction = Stopwatch.GetTimestamp();
        try
        {
            using var transaction = WriterTransaction.Begin(Writer);
            Observations.Compact(Writer);
            transaction.Commit();
        }
        catch (SqliteException)
        {
            // Compaction is an optimisation over rows that are already durable; it is retried on the next round.
            Observations.ResetPendingCount();
        }
    }

    private abstract class WriteJob
    {
        public abstract void Run(SqliteConnection connection);

        public abstract void Complete();

        public abstract void Fail(Exception error);
    }

    private sealed class WriteJob<T>(Func<SqliteConnection, T> work) : WriteJob
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;

        public Task<T> Task => _completion.Task;

        public override void Run(SqliteConnection connection) => _result = work(connection);

        public override void Complete() => _completion.TrySetResult(_result!);

        public override void Fail(Exception error) => _completion.TrySetException(error);
    }

    private sealed class FailedJob : WriteJob
    {
        public static readonly FailedJob Instance = new();

        public override void Run(SqliteConnection connection)
        {
        }

        public override void Complete()
        {
        }

        public override void Fail(Exception error)
        {
        }
    }
}
