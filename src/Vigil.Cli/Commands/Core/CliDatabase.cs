using System.CommandLine;
using Npgsql;
using Vigil.Platform.Ports;
using Vigil.Storage.Postgres;
using Vigil.Storage.Sqlite;

namespace Vigil.Cli.Commands.Core;

/// <summary>
/// The database an administration command works on, chosen the way <c>vigil serve</c> chooses it: the embedded SQLite
/// file in --data-dir, or the shared PostgreSQL database named by --storage. Commands ask it for ports, never for an
/// adapter, so every command works on a scale-out deployment as well as on a single node.
/// </summary>
internal sealed class CliDatabase : IAsyncDisposable
{
    private readonly SqliteDatabase? _sqlite;
    private readonly PostgresDatabase? _postgres;

    private CliDatabase(SqliteDatabase sqlite, string location)
    {
        _sqlite = sqlite;
        Location = location;
    }

    private CliDatabase(PostgresDatabase postgres, string location)
    {
        _postgres = postgres;
        Location = location;
    }

    /// <summary>The SQLite file, or the PostgreSQL host and database (never the password).</summary>
    public string Location { get; }

    public int AppliedMigrations => _postgres?.AppliedMigrations ?? _sqlite!.AppliedMigrations;

    public int SchemaVersion => _postgres?.SchemaVersion ?? _sqlite!.SchemaVersion;

    /// <summary>The --storage option, with the same meaning in every command that has it.</summary>
    public static Option<string?> StorageOption() => new("--storage")
    {
        Description = "Where the data is stored: omitted for the embedded SQLite file in --data-dir, or PostgreSQL as postgres://user:password@host:port/db or an Npgsql connection string",
    };

    /// <summary>
    /// Turns a --storage value into an Npgsql connection string; null with <paramref name="error"/> set when it is
    /// neither a postgres:// URL nor a connection string.
    /// </summary>
    public static string? ParseStorage(string value, out string? error)
    {
        try
        {
            error = null;
            return PostgresConnectionString.Normalize(value);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            error = $"--storage: not a postgres:// URL or an Npgsql connection string ({ex.Message})";
            return null;
        }
    }

    /// <summary>Opens (and migrates) the chosen database; null with <paramref name="error"/> set when it cannot.</summary>
    public static CliDatabase? Open(string dataDir, string? storage, out string? error)
    {
        if (string.IsNullOrWhiteSpace(storage))
        {
            var path = Path.GetFullPath(Path.Combine(dataDir, "vigil.db"));
            error = null;
            return new CliDatabase(new SqliteDatabase(new SqliteOptions { DatabasePath = path }), path);
        }

        if (ParseStorage(storage, out error) is not { } connectionString)
        {
            return null;
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var location = $"postgres://{builder.Host}:{builder.Port}/{builder.Database}";
        try
        {
            return new CliDatabase(new PostgresDatabase(new PostgresOptions { ConnectionString = connectionString }, TimeProvider.System), location);
        }
        catch (NpgsqlException ex)
        {
            error = $"--storage: cannot open {location} ({ex.Message})";
            return null;
        }
    }

    public IDeviceStore Devices() => _postgres is { } p ? new PostgresDeviceStore(p) : new SqliteDeviceStore(_sqlite!);

    public IUserStore Users() => _postgres is { } p ? new PostgresUserStore(p) : new SqliteUserStore(_sqlite!);

    public IApiKeyStore ApiKeys() => _postgres is { } p ? new PostgresApiKeyStore(p) : new SqliteApiKeyStore(_sqlite!);

    public IReportStore Reports() => _postgres is { } p ? new PostgresReportStore(p) : new SqliteReportStore(_sqlite!);

    public IOperationsStore Operations() => _postgres is { } p ? new PostgresOperationsStore(p) : new SqliteOperationsStore(_sqlite!);

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync().ConfigureAwait(false);
        }

        if (_sqlite is not null)
        {
            await _sqlite.DisposeAsync().ConfigureAwait(false);
        }
    }
}
