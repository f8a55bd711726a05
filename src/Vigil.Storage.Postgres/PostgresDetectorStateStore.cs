using Npgsql;
using NpgsqlTypes;
using Vigil.Platform.Ports;

namespace Vigil.Storage.Postgres;

public sealed class PostgresDetectorStateStore(PostgresDatabase database) : IDetectorStateStore
{
    public Task SaveAsync(IReadOnlyList<DetectorSnapshot> snapshots, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        return database.WriteAsync(connection =>
        {
            using var command = new NpgsqlCommand(
                """
                INSERT INTO detector_state (device, saved_at, state) VALUES ($1, $2, $3)
                ON CONFLICT (device) DO UPDATE SET saved_at = excluded.saved_at, state = excluded.state
                """,
                connection);
            var device = new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text };
            var at = new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz };
            var state = new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bytea };
            command.Parameters.Add(device);
            command.Parameters.Add(at);
            command.Parameters.Add(state);
            foreach (var snapshot in snapshots)
            {
                device.Value = snapshot.DeviceId;
                at.Value = snapshot.SavedAt.ToUniversalTime();
                state.Value = snapshot.State;
                command.ExecuteNonQuery();
            }

            return true;
        }, cancellationToken);
    }

    public async Task<DetectorSnapshot?> LoadAsync(string deviceId, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT device, saved_at, state FROM detector_state WHERE device = $1");
        command.Add(deviceId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<DetectorSnapshot>> LoadAllAsync(CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT device, saved_at, state FROM detector_state ORDER BY device");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var snapshots = new List<DetectorSnapshot>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            snapshots.Add(Read(reader));
        }

        return snapshots;
    }

    public Task<bool> DeleteAsync(string deviceId, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
        {
            using var command = new NpgsqlCommand("DELETE FROM detector_state WHERE device = $1", connection);
            command.Add(deviceId);
            return command.ExecuteNonQuery() > 0;
        }, cancellationToken);

    private static DetectorSnapshot Read(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<byte[]>(2));
}
