using System.Globalization;
using Vigil.Platform.Ports;

namespace Vigil.Storage.Sqlite;

public sealed class SqliteDetectorStateStore(SqliteDatabase database) : IDetectorStateStore
{
    public Task SaveAsync(IReadOnlyList<DetectorSnapshot> snapshots, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        return database.WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO detector_state (device, saved_at, state) VALUES ($d, $at, $s)
                ON CONFLICT (device) DO UPDATE SET saved_at = excluded.saved_at, state = excluded.state
                """;
            var device = command.Parameters.Add("$d", Microsoft.Data.Sqlite.SqliteType.Text);
            var at = command.Parameters.Add("$at", Microsoft.Data.Sqlite.SqliteType.Text);
            var state = command.Parameters.Add("$s", Microsoft.Data.Sqlite.SqliteType.Blob);
            foreach (var snapshot in snapshots)
            {
                device.Value = snapshot.DeviceId;
                at.Value = snapshot.SavedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
                state.Value = snapshot.State;
                command.ExecuteNonQuery();
            }

            return true;
        }, cancellationToken);
    }

    public Task<DetectorSnapshot?> LoadAsync(string deviceId, CancellationToken cancellationToken)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT device, saved_at, state FROM detector_state WHERE device = $d";
        command.Parameters.AddWithValue("$d", deviceId);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? Read(reader) : null);
    }

    public Task<IReadOnlyList<DetectorSnapshot>> LoadAllAsync(CancellationToken cancellationToken)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT device, saved_at, state FROM detector_state ORDER BY device";
        using var reader = command.ExecuteReader();
        var snapshots = new List<DetectorSnapshot>();
        while (reader.Read())
        {
            snapshots.Add(Read(reader));
        }

        return Task.FromResult<IReadOnlyList<DetectorSnapshot>>(snapshots);
    }

    public Task<bool> DeleteAsync(string deviceId, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM detector_state WHERE device = $d";
            command.Parameters.AddWithValue("$d", deviceId);
            return command.ExecuteNonQuery() > 0;
        }, cancellationToken);

    private static DetectorSnapshot Read(Microsoft.Data.Sqlite.SqliteDataReader reader) =>
        new(reader.GetString(0), DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture), (byte[])reader.GetValue(2));
}
