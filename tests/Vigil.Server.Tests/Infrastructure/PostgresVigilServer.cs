using Npgsql;
using Vigil.Server.Hosting;

namespace Vigil.Server.Tests.Infrastructure;

/// <summary>
/// The real server on PostgreSQL storage (<c>vigil serve --storage …</c>): the database named by VIGIL_TEST_POSTGRES,
/// in a schema of its own that is dropped afterwards. Without the variable it starts nothing, and the tests that use
/// it are skipped by <see cref="PostgresFactAttribute"/>.
/// </summary>
public sealed class PostgresVigilServer : IAsyncLifetime
{
    private readonly string _schema = "vigil_s_" + Guid.NewGuid().ToString("N")[..16];
    private VigilServer? _server;

    public VigilServer Server => _server ?? throw new InvalidOperationException(PostgresFactAttribute.SkipReason);

    public async Task InitializeAsync()
    {
        if (PostgresFactAttribute.ConnectionString is not { } connectionString)
        {
            return;
        }

        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE SCHEMA {_schema}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = $"{_schema},public" };
        _server = new VigilServer(new Dictionary<string, string?> { [VigilApp.PostgresStorageKey] = builder.ConnectionString });
        await _server.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (_server is null)
        {
            return;
        }

        await _server.DisposeAsync();
        await using var connection = new NpgsqlConnection(PostgresFactAttribute.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA {_schema} CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
