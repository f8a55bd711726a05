using Npgsql;
using RabbitMQ.Client;

namespace Vigil.Server.Tests.Infrastructure;

/// <summary>
/// What the nodes of one scale-out test share: a PostgreSQL schema of their own, a broker name prefix of their own
/// (so that tests never see each other's queues), and a data folder (the token-signing keys every node must agree on).
/// Disposing drops the schema and deletes the prefix's queues and exchanges.
/// </summary>
public sealed class ScaleOutCluster : IAsyncDisposable
{
    public const int DefaultPartitions = 4;

    private ScaleOutCluster(string schema, string prefix, string connectionString, string amqp, int partitions)
    {
        Partitions = partitions;
        Schema = schema;
        Prefix = prefix;
        ConnectionString = connectionString;
        Amqp = amqp;
        Directory.CreateDirectory(DataDirectory);
    }

    public string Schema { get; }

    /// <summary>Bus partitions; with one, the first node to subscribe (and to rank first) owns every device.</summary>
    public int Partitions { get; }

    /// <summary>Configuration every node of this cluster gets beyond the bus and storage (pipeline timings, say).</summary>
    public Dictionary<string, string> Extra { get; } = [];

    public string Prefix { get; }

    /// <summary>The Npgsql connection string with the test's schema first on the search path.</summary>
    public string ConnectionString { get; }

    public string Amqp { get; }

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "vigil-cluster-" + Guid.NewGuid().ToString("n"));

    public static async Task<ScaleOutCluster> CreateAsync(int partitions = DefaultPartitions)
    {
        var postgres = PostgresFactAttribute.ConnectionString ?? throw new InvalidOperationException(PostgresFactAttribute.SkipReason);
        var amqp = ScaleOutFactAttribute.Amqp ?? throw new InvalidOperationException("VIGIL_TEST_RABBITMQ is not set.");
        var id = Guid.NewGuid().ToString("N")[..12];
        var schema = "vigil_c_" + id;
        await using (var connection = new NpgsqlConnection(postgres))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(postgres) { SearchPath = $"{schema},public" };
        return new ScaleOutCluster(schema, "vt" + id, builder.ConnectionString, amqp, partitions);
    }

    /// <summary>Settings for an in-process node (<see cref="VigilServer"/>).</summary>
    public Dictionary<string, string?> NodeSettings(string nodeId)
    {
        var settings = new Dictionary<string, string?>
        {
            [Hosting.VigilApp.PostgresStorageKey] = ConnectionString,
            [Hosting.VigilApp.RabbitMqBusKey] = Amqp,
            ["Vigil:DataDirectory"] = DataDirectory,
            ["Vigil:Bus:Prefix"] = Prefix,
            ["Vigil:Bus:Partitions"] = Partitions.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Vigil:Bus:NodeId"] = nodeId,
        };
        foreach (var (key, value) in Extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>A node as a separate <c>vigil serve --storage … --bus …</c> process, which a test can SIGKILL.</summary>
    public Task<ServerProcess> StartProcessAsync(string nodeId)
    {
        var settings = new Dictionary<string, string>(Extra)
        {
            ["Vigil:Bus:Prefix"] = Prefix,
            ["Vigil:Bus:Partitions"] = Partitions.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Vigil:Bus:NodeId"] = nodeId,
        };
        return ServerProcess.StartAsync(DataDirectory, VigilServer.AdminPassword, ["--storage", ConnectionString, "--bus", Amqp], settings);
    }

    public async ValueTask DisposeAsync()
    {
        var factory = new ConnectionFactory { Uri = new Uri(Amqp) };
        await using (var connection = await factory.CreateConnectionAsync())
        {
            await using var channel = await connection.CreateChannelAsync();
            for (var i = 0; i < Partitions; i++)
            {
                await channel.QueueDeleteAsync($"{Prefix}.observations.p{i}", ifUnused: false, ifEmpty: false);
            }

            await channel.QueueDeleteAsync($"{Prefix}.desk", ifUnused: false, ifEmpty: false);
            await channel.QueueDeleteAsync($"{Prefix}.desk.commands", ifUnused: false, ifEmpty: false);
            await channel.QueueDeleteAsync($"{Prefix}.mqtt", ifUnused: false, ifEmpty: false);
            foreach (var exchange in new[] { ".observations", ".feed", ".control" })
            {
                await channel.ExchangeDeleteAsync(Prefix + exchange, ifUnused: false);
            }
        }

        await using (var connection = new NpgsqlConnection(PostgresFactAttribute.ConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP SCHEMA {Schema} CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}
