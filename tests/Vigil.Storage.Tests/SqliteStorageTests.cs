using Microsoft.Data.Sqlite;
using Vigil.Storage.Sqlite;

namespace Vigil.Storage.Tests;

/// <summary>The storage contract on the embedded adapter: a fresh SQLite file per test.</summary>
public sealed class SqliteStorageTests : StorageContract
{
    protected override Task<StorageUnderTest> OpenAsync()
    {
        var directory = Directory.CreateTempSubdirectory("vigil-storage-");
        var path = Path.Combine(directory.FullName, "vigil.db");
        var database = new SqliteDatabase(new SqliteOptions { DatabasePath = path });
        return Task.FromResult(new StorageUnderTest(
            new SqliteObservationStore(database),
            new SqliteDeviceStore(database),
            new SqliteUserStore(database),
            new SqliteAuditStore(database),
            new SqliteOperationsStore(database),
            new SqliteReportStore(database),
            new SqliteCityMapStore(database),
            new SqliteApiKeyStore(database),
            seq => database.WriteAsync(connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = "UPDATE audit SET actor = 'mallory' WHERE seq = $s";
                command.Parameters.AddWithValue("$s", seq);
                return command.ExecuteNonQuery();
            }, CancellationToken.None),
            async () =>
            {
                await database.DisposeAsync();
                SqliteConnection.ClearAllPools();
                directory.Delete(recursive: true);
            },
            new SqliteCameraStore(database))
        {
            DetectorState = new SqliteDetectorStateStore(database),
            Alerts = new SqliteAlertStore(database),
            Subscribers = new SqliteSubscriberStore(database),
            Deliveries = new SqliteDeliveryOutbox(database),
            HealthCounts = new SqliteCountSeriesStore(database),
            Hospitals = new SqliteHospitalStore(database),
        });
    }
}
