using System.Text.Json;
using Npgsql;
using Vigil.Server.Tests.Infrastructure;

namespace Vigil.Server.Tests;

/// <summary>
/// The administration commands run against the shared PostgreSQL database of a scale-out deployment when given
/// <c>--storage</c>, the way <c>vigil serve</c> does, and never fall back to the SQLite file in --data-dir. Each test
/// works in a schema of its own, dropped afterwards.
/// </summary>
public sealed class CliStorageTests : IDisposable
{
    private readonly string _schema = "vigil_cli_" + Guid.NewGuid().ToString("N")[..16];
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "vigil-cli-" + Guid.NewGuid().ToString("N"));

    [PostgresFact]
    public async Task Db_migrate_and_devices_work_on_postgres_storage()
    {
        var storage = await CreateSchemaAsync();

        var migrate = await RunAsync("--json", "db", "migrate", "--data-dir", _dataDir, "--storage", storage);
        Assert.True(migrate.ExitCode == 0, migrate.Error);
        using (var doc = JsonDocument.Parse(migrate.Output))
        {
            Assert.StartsWith("postgres://", doc.RootElement.GetProperty("database").GetString(), StringComparison.Ordinal);
            Assert.True(doc.RootElement.GetProperty("schemaVersion").GetInt32() > 0);
            Assert.True(doc.RootElement.GetProperty("applied").GetInt32() > 0);
        }

        var add = await RunAsync("--json", "devices", "add", "--data-dir", _dataDir, "--storage", storage,
            "--id", "cli-flood-1", "--kind", "Flood", "--lat", "52.37", "--lon", "4.89", "--quantity", "level:m");
        Assert.True(add.ExitCode == 0, add.Error);

        var list = await RunAsync("--json", "devices", "list", "--data-dir", _dataDir, "--storage", storage);
        Assert.True(list.ExitCode == 0, list.Error);
        using (var doc = JsonDocument.Parse(list.Output))
        {
            var ids = doc.RootElement.EnumerateArray().Select(d => d.GetProperty("id").GetString()).ToList();
            Assert.Equal(["cli-flood-1"], ids);
        }

        // The device is in the PostgreSQL schema, and nothing was written to an SQLite file in the data folder.
        await using (var connection = new NpgsqlConnection(PostgresFactAttribute.ConnectionString))
        {
            await connection.OpenAsync();
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM {_schema}.devices WHERE id = 'cli-flood-1'", connection);
            Assert.Equal(1L, (long)(await count.ExecuteScalarAsync())!);
        }

        Assert.False(File.Exists(Path.Combine(_dataDir, "vigil.db")));
    }

    [PostgresFact]
    public async Task Users_add_on_postgres_storage_refuses_a_taken_name()
    {
        var storage = await CreateSchemaAsync();
        string[] args = ["users", "add", "--data-dir", _dataDir, "--storage", storage, "--username", "dispatch.one", "--role", "Dispatcher", "--password", "correct-horse-battery"];

        var first = await RunAsync(args);
        Assert.True(first.ExitCode == 0, first.Error);
        var second = await RunAsync(args);
        Assert.NotEqual(0, second.ExitCode);
        Assert.Contains("dispatch.one is taken", second.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_storage_value_that_is_not_a_database_is_refused_naming_the_option()
    {
        var result = await RunAsync("devices", "list", "--data-dir", _dataDir, "--storage", "postgres://");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--storage", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dataDir, "vigil.db")));
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }

        if (PostgresFactAttribute.ConnectionString is { } connectionString)
        {
            using var connection = new NpgsqlConnection(connectionString);
            connection.Open();
            using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {_schema} CASCADE", connection);
            drop.ExecuteNonQuery();
        }
    }

    private async Task<string> CreateSchemaAsync()
    {
        var connectionString = PostgresFactAttribute.ConnectionString!;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE SCHEMA {_schema}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = $"{_schema},public" }.ConnectionString;
    }

    private static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) =>
        VigilCli.RunAsync(TimeSpan.FromSeconds(60), args);
}
