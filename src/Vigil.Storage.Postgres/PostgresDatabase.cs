using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Npgsql;
using Vigil.Platform.Ports;

namespace Vigil.Storage.Postgres;

/// <summary>
/// The scale-out database: PostgreSQL with PostGIS. As with the embedded SQLite store, every change on this node queues
/// as a job for one writer thread, which runs whatever is queued in one transaction (group commit) and only then
/// completes the jobs, so a caller acknowledges nothing that is not durable. Readers use the pooled data source and never
/// wait for the writer. Several nodes may share the database: the audit chain and DDL are serialised with advisory locks.
/// </summary>
public sealed partial class PostgresDatabase : IAsyncDisposable
{
    private const int MaxJobsPerTransaction = 1024;
    private const long MsPerDay = 86_400_000;
    private readonly Channel<WriteJob> _jobs = Channel.CreateBounded<WriteJob>(
        new BoundedChannelOptions(100_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly PostgresOptions _options;
    private readonly TimeProvider _time;
    private readonly Thread _writerThread;
    private readonly TaskCompletionSource _writerStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Days (since the Unix epoch) whose observation partition is known to exist; read by ingest callers, so concurrent.
    private readonly ConcurrentDictionary<long, byte> _partitions = new();

    // Writer-thread state: the connection, and the audit chain's head inside the current transaction.
    private NpgsqlConnection? _writer;
    private string _lastAuditHash = string.Empty;
    private bool _auditLocked;

    public PostgresDatabase(PostgresOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time ?? TimeProvider.System;
        var builder = new NpgsqlConnectionStringBuilder(PostgresConnectionString.Normalize(options.ConnectionString));
        if (options.Schema is { } schema)
        {
            if (!SchemaName().IsMatch(schema))
            {
                throw new ArgumentException("The schema name must be lower-case letters, digits and underscores.", nameof(options));
            }

            using (var bootstrap = new NpgsqlConnection(builder.ConnectionString))
            {
                bootstrap.Open();
                Execute(bootstrap, $"CREATE SCHEMA IF NOT EXISTS {schema}");
            }

            // PostGIS types and functions normally live in public, so it stays on the path after Vigil's schema.
            builder.SearchPath = $"{schema},public";
        }

        DataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        AppliedMigrations = Migrate();
        EnsurePartitionsAhead();
        _writerThread = new Thread(WriterLoop) { IsBackground = true, Name = "vigil-postgres-writer" };
        _writerThread.Start();
    }

    /// <summary>Migrations applied when this database was opened (0 when it was up to date).</summary>
    public int AppliedMigrations { get; }

    public int SchemaVersion { get; private set; }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>Runs <paramref name="work"/> on the writer thread inside the next group transaction.</summary>
    public Task<T> WriteAsync<T>(Func<NpgsqlConnection, T> work, CancellationToken cancellationToken)
    {
        var job = new WriteJob<T>(work);
        if (!_jobs.Writer.TryWrite(job))
        {
            return WriteSlowAsync(job, cancellationToken);
        }

        return job.Task;
    }

    /// <summary>
    /// Appends an audit record in the current write transaction, chaining its hash to the previous one. The first
    /// record of a transaction takes the chain's advisory lock (held to commit) and reads the head from the table, so
    /// nodes sharing the database extend one chain in commit order.
    /// </summary>
    internal void AppendAudit(NpgsqlConnection connection, AuditRecord record)
    {
        if (!_auditLocked)
        {
            Execute(connection, "SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':vigil-audit'))");
            using var head = new NpgsqlCommand("SELECT hash FROM audit ORDER BY seq DESC LIMIT 1", connection);
            _lastAuditHash = head.ExecuteScalar() as string ?? string.Empty;
            _auditLocked = true;
        }

        var at = record.At.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
        var hash = AuditHash(_lastAuditHash, at, record.Actor, record.Action, record.EntityType, record.EntityId, record.Before, record.After);
        using var command = new NpgsqlCommand(
            "INSERT INTO audit (at, actor, action, entity_type, entity_id, before, after, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = at });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = record.Actor });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = record.Action });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = record.EntityType });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = record.EntityId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)record.Before ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)record.After ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _lastAuditHash });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = hash });
        command.ExecuteNonQuery();
        _lastAuditHash = hash;
    }

    /// <summary>Recomputes the audit chain; returns the sequence number of the first broken link, or null when intact.</summary>
    public async Task<long?> VerifyAuditChainAsync(CancellationToken cancellationToken)
    {
        await using var command = DataSource.CreateCommand("SELECT seq, at, actor, action, entity_type, entity_id, before, after, prev_hash, hash FROM audit ORDER BY seq");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var previous = string.Empty;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var hash = AuditHash(previous, reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7));
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
        if (_writer is not null)
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
        }

        await DataSource.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>The UTC day (since the Unix epoch) a timestamp falls on: the key of its observation partition.</summary>
    public static long DayOf(long timestampMs) => timestampMs >= 0 ? timestampMs / MsPerDay : ((timestampMs + 1) / MsPerDay) - 1;

    internal static DateTime ToUtc(long timestampMs) => new(DateTime.UnixEpoch.Ticks + (timestampMs * TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);

    internal static long ToMs(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;

    internal bool HasPartition(long day) => _partitions.ContainsKey(day);

    internal void ForgetPartitions() => _partitions.Clear();

    internal long Today() => DayOf(_time.GetUtcNow().ToUnixTimeMilliseconds());

    /// <summary>
    /// Creates the daily observation partitions for days <paramref name="first"/> to <paramref name="last"/> that do
    /// not exist yet, in a short transaction of their own: DDL on the partitioned table locks it, so it never runs
    /// inside a group commit. The advisory lock keeps nodes from racing on the same partition.
    /// </summary>
    internal void EnsurePartitions(long first, long last)
    {
        using var connection = DataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        Execute(connection, "SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':vigil-partitions'))");
        for (var day = first; day <= last; day++)
        {
            if (_partitions.ContainsKey(day))
            {
                continue;
            }

            var from = ToUtc(day * MsPerDay).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            var to = ToUtc((day + 1) * MsPerDay).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            Execute(connection, $"CREATE TABLE IF NOT EXISTS {PartitionName(day)} PARTITION OF observations FOR VALUES FROM ('{from}') TO ('{to}')");
        }

        transaction.Commit();
        for (var day = first; day <= last; day++)
        {
            _partitions[day] = 0;
        }
    }

    /// <summary>Today's partition and the configured number of days after it.</summary>
    internal void EnsurePartitionsAhead() => EnsurePartitions(Today(), Today() + _options.PartitionDaysAhead);

    internal void ForgetPartition(long day) => _partitions.TryRemove(day, out _);

    /// <summary>The table holding one UTC day of observations (observations_pYYYYMMDD).</summary>
    public static string PartitionName(long day) =>
        "observations_p" + ToUtc(day * MsPerDay).ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>The day a partition holds, from its name; false for a table that is not one of ours.</summary>
    internal static bool TryParsePartition(string name, out long day)
    {
        day = 0;
        if (!name.StartsWith("observations_p", StringComparison.Ordinal) ||
            !DateTime.TryParseExact(name.AsSpan("observations_p".Length), "yyyyMMdd", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date))
        {
            return false;
        }

        day = DayOf(ToMs(date));
        return true;
    }

    internal static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static string AuditHash(string previous, string at, string actor, string action, string entityType, string entityId, string? before, string? after)
    {
        // The same content and separator as the SQLite chain, so an exported trail verifies the same way on either.
        var content = string.Join('\u001f', previous, at, actor, action, entityType, entityId, before ?? string.Empty, after ?? string.Empty);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SchemaName();

    private async Task<T> WriteSlowAsync<T>(WriteJob<T> job, CancellationToken cancellationToken)
    {
        await _jobs.Writer.WriteAsync(job, cancellationToken).ConfigureAwait(false);
        return await job.Task.ConfigureAwait(false);
    }

    private int Migrate()
    {
        using var connection = DataSource.OpenConnection();

        // A session lock: nodes starting together wait here, and the later ones find the schema current.
        Execute(connection, "SELECT pg_advisory_lock(hashtext(current_schema() || ':vigil-migrate'))");
        try
        {
            Execute(connection, "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)");
            using (var query = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", connection))
            {
                SchemaVersion = Convert.ToInt32(query.ExecuteScalar(), CultureInfo.InvariantCulture);
            }

            var applied = 0;
            foreach (var (version, name, sql) in Migrations.All)
            {
                if (version <= SchemaVersion)
                {
                    continue;
                }

                using var transaction = connection.BeginTransaction();
                Execute(connection, sql);
                using var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, now())", connection);
                record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = version });
                record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
                record.ExecuteNonQuery();
                transaction.Commit();
                SchemaVersion = version;
                applied++;
            }

            return applied;
        }
        finally
        {
            Execute(connection, "SELECT pg_advisory_unlock(hashtext(current_schema() || ':vigil-migrate'))");
        }
    }

    private void WriterLoop()
    {
        var batch = new List<WriteJob>(MaxJobsPerTransaction);
        var reader = _jobs.Reader;
        try
        {
            while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                batch.Clear();
                while (batch.Count < MaxJobsPerTransaction && reader.TryRead(out var job))
                {
                    batch.Add(job);
                }

                RunTransaction(batch);
            }
        }
        finally
        {
            _writerStopped.TrySetResult();
        }
    }

    /// <summary>
    /// Runs the jobs in one transaction. A savepoint per job would cost two round trips each, so jobs run without one:
    /// when a job fails, the transaction is rolled back, that job alone is failed, and the others run again in a new
    /// transaction. Jobs are functions of their captured input, so running one again writes the same thing.
    /// </summary>
    private void RunTransaction(List<WriteJob> batch)
    {
        while (batch.Count > 0)
        {
            var failedAt = -1;
            try
            {
                var connection = Writer();
                using var transaction = connection.BeginTransaction();
                _auditLocked = false;
                for (var i = 0; i < batch.Count; i++)
                {
                    failedAt = i;
                    batch[i].Run(connection);
                }

                failedAt = -1;
                transaction.Commit();
            }
            catch (Exception ex) when (failedAt >= 0 && ex is PostgresException or InvalidOperationException or ArgumentException or FormatException && _writer is { State: System.Data.ConnectionState.Open })
            {
                batch[failedAt].Fail(ex);
                batch.RemoveAt(failedAt);
                continue;
            }
            catch (Exception ex)
            {
                // The connection or the commit failed: nothing of this transaction is stored, and every job says so.
                DropWriter();
                foreach (var job in batch)
                {
                    job.Fail(ex);
                }

                return;
            }
            finally
            {
                _auditLocked = false;
            }

            foreach (var job in batch)
            {
                job.Complete();
            }

            return;
        }
    }

    private NpgsqlConnection Writer()
    {
        if (_writer is { State: System.Data.ConnectionState.Open } open)
        {
            return open;
        }

        DropWriter();
        _writer = DataSource.OpenConnection();
        return _writer;
    }

    private void DropWriter()
    {
        _writer?.Dispose();
        _writer = null;
    }

    private abstract class WriteJob
    {
        public abstract void Run(NpgsqlConnection connection);

        public abstract void Complete();

        public abstract void Fail(Exception error);
    }

    private sealed class WriteJob<T>(Func<NpgsqlConnection, T> work) : WriteJob
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;

        public Task<T> Task => _completion.Task;

        public override void Run(NpgsqlConnection connection) => _result = work(connection);

        public override void Complete() => _completion.TrySetResult(_result!);

        public override void Fail(Exception error) => _completion.TrySetException(error);
    }
}
