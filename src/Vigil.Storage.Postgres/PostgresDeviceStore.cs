using System.Text.Json;
using Npgsql;
using Vigil.Domain.Devices;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ingest;
using Vigil.Platform.Ports;

namespace Vigil.Storage.Postgres;

/// <summary>Registered devices, with their location as a PostGIS point for area and radius queries.</summary>
public sealed class PostgresDeviceStore(PostgresDatabase database) : IDeviceStore
{
    public async Task<IReadOnlyList<DeviceEntry>> LoadAllAsync(CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT ordinal, key_hash, doc FROM devices ORDER BY ordinal");
        return await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public Task<int?> AddAsync(Device device, AuditRecord audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        var doc = ToDocument(device);
        return database.WriteAsync<int?>(connection =>
        {
            using var command = new NpgsqlCommand(
                "INSERT INTO devices (id, key_hash, location, doc) VALUES ($1, $2, ST_SetSRID(ST_MakePoint($3, $4), 4326)::geography, $5) ON CONFLICT DO NOTHING RETURNING ordinal",
                connection);
            command.Add(device.Id).Add(device.KeyHash).Add(device.Location.Lon).Add(device.Location.Lat).AddJson(doc);
            if (command.ExecuteScalar() is not int ordinal)
            {
                return null;
            }

            database.AppendAudit(connection, audit);
            return ordinal;
        }, cancellationToken);
    }

    public Task<bool> UpdateAsync(Device device, AuditRecord audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        var doc = ToDocument(device);
        return database.WriteAsync(connection =>
        {
            using var command = new NpgsqlCommand(
                "UPDATE devices SET key_hash = $2, location = ST_SetSRID(ST_MakePoint($3, $4), 4326)::geography, doc = $5 WHERE id = $1", connection);
            command.Add(device.Id).Add(device.KeyHash).Add(device.Location.Lon).Add(device.Location.Lat).AddJson(doc);
            if (command.ExecuteNonQuery() == 0)
            {
                return false;
            }

            database.AppendAudit(connection, audit);
            return true;
        }, cancellationToken);
    }

    public Task<bool> DeleteAsync(string deviceId, AuditRecord audit, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
        {
            using var command = new NpgsqlCommand("DELETE FROM devices WHERE id = $1", connection);
            command.Add(deviceId);
            if (command.ExecuteNonQuery() == 0)
            {
                return false;
            }

            database.AppendAudit(connection, audit);
            return true;
        }, cancellationToken);

    /// <summary>Devices inside the latitude/longitude box (edges included), by ordinal.</summary>
    public async Task<IReadOnlyList<DeviceEntry>> InAreaAsync(double south, double west, double north, double east, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("""
            SELECT ordinal, key_hash, doc FROM devices
            WHERE ST_Intersects(location::geometry, ST_MakeEnvelope($1, $2, $3, $4, 4326))
            ORDER BY ordinal
            """);
        command.Add(west).Add(south).Add(east).Add(north);
        return await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Devices within <paramref name="meters"/> of the point on the ellipsoid, nearest first.</summary>
    public async Task<IReadOnlyList<DeviceEntry>> WithinAsync(double lat, double lon, double meters, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("""
            SELECT ordinal, key_hash, doc FROM devices
            WHERE ST_DWithin(location, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography, $3)
            ORDER BY ST_Distance(location, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography), ordinal
            """);
        command.Add(lon).Add(lat).Add(meters);
        return await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<DeviceEntry>> ReadEntriesAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<DeviceEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new DeviceEntry(reader.GetInt32(0), FromDocument(reader.GetString(2), reader.GetString(1))));
        }

        return entries;
    }

    private static string ToDocument(Device device) => JsonSerializer.Serialize(device.ToView(), VigilJson.Default.DeviceView);

    private static Device FromDocument(string json, string keyHash)
    {
        var view = JsonSerializer.Deserialize(json, VigilJson.Default.DeviceView) ?? throw new InvalidDataException("Unreadable device document.");
        return new Device
        {
            Id = view.Id,
            Name = view.Name,
            Kind = view.Kind,
            Location = view.Location.ToPoint(),
            AgencyId = view.AgencyId,
            Quantities = view.Quantities,
            KeyHash = keyHash,
            RegisteredAt = view.RegisteredAt,
        };
    }
}
