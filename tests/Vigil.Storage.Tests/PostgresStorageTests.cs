using Npgsql;
using Vigil.Storage.Postgres;

namespace Vigil.Storage.Tests;

/// <summary>
/// The storage contract on the PostgreSQL adapter: each test gets a schema of its own in the VIGIL_TEST_POSTGRES
/// database (PostGIS installed), dropped afterwards.
/// </summary>
[RequiresPostgres]
public sealed partial class PostgresStorageTests : StorageContract
{
    protected override Task<StorageUnderTest> OpenAsync() => Task.FromResult(Open(out _, out _));

    private static StorageUnderTest Open(out PostgresDatabase database, out string schema)
    {
        var connectionString = RequiresPostgresAttribute.ConnectionString ?? throw new InvalidOperationException(RequiresPostgresAttribute.SkipReason);
        schema = "vigil_t_" + Guid.NewGuid().ToString("N")[..16];
        var db = new PostgresDatabase(new PostgresOptions { ConnectionString = connectionString, Schema = schema });
        database = db;
        var name = schema;
        return new StorageUnderTest(
            new PostgresObservationStore(db),
            new PostgresDeviceStore(db),
            new PostgresUserStore(db),
            new PostgresAuditStore(db),
            new PostgresOperationsStore(db),
            new PostgresReportStore(db),
            new PostgresCityMapStore(db),
            new PostgresApiKeyStore(db),
            async seq =>
            {
                await using var command = db.DataSource.CreateCommand("UPDATE audit SET actor = 'mallory' WHERE seq = $1");
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = seq });
                await command.ExecuteNonQueryAsync();
            },
            async () =>
            {
                await db.DisposeAsync();
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP SCHEMA {name} CASCADE", connection);
                await drop.ExecuteNonQueryAsync();
            },
            new PostgresCameraStore(db))
        {
            DetectorState = new PostgresDetectorStateStore(db),
            Alerts = new PostgresAlertStore(db),
            Subscribers = new PostgresSubscriberStore(db),
            Deliveries = new PostgresDeliveryOutbox(db),
            HealthCounts = new PostgresCountSeriesStore(db),
            Hospitals = new PostgresHospitalStore(db),
        };
    }
}
