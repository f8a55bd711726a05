using System.Text.Json;
using Microsoft.Data.Sqlite;
using Vigil.Domain.Devices;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ingest;
using Vigil.Platform.Ports;

namespace Vigil.Storage.Sqlite;

public sealed class SqliteDeviceStore(SqliteDatabase database) : IDeviceStore
{
    public Task<IReadOnlyList<DeviceEntry>> LoadAllAsync(CancellationToken cancellationToken)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT ordinal, key_hash, doc FROM devices ORDER BY ordinal";
        using var reader = command.ExecuteReader();
        var entries = new List<DeviceEntry>();
        while (reader.Read())
        {
            entries.Add(new DeviceEntry(reader.GetInt32(0), FromDocument(reader.GetString(2), reader.GetString(1))));
        }

        return Task.FromResult<IReadOnlyList<DeviceEntry>>(entries);
    }

    public Task<int?> AddAsync(Device device, AuditRecord audit, CancellationToken cancellationToken) =>
        database.WriteAsync<int?>(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT OR IGNORE INTO devices (id, key_hash, doc) VALUES ($id, $key, $doc) RETURNING ordinal";
            command.Parameters.AddWithValue("$id", device.Id);
            command.Parameters.AddWithValue("$key", device.KeyHash);
            command.Parameters.AddWithValue("$doc", ToDocument(device));
            var ordinal = command.ExecuteScalar();
            if (ordinal is null)
            {
                return null;
            }

            database.AppendAudit(connection, audit);
            return Convert.ToInt32(ordinal, System.Globalization.CultureInfo.InvariantCulture);
        }, cancellationToken);

    public Task<bool> UpdateAsync(Device device, AuditRecord audit, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE devices SET key_hash = $key, doc = $doc WHERE id = $id";
            command.Parameters.AddWithValue("$id", device.Id);
            command.Parameters.AddWithValue("$key", device.KeyHash);
            command.Parameters.AddWithValue("$doc", ToDocument(device));
            if (command.ExecuteNonQuery() == 0)
            {
                return false;
            }

            database.AppendAudit(connection, audit);
            return true;
        }, cancellationToken);

    public Task<bool> DeleteAsync(string deviceId, AuditRecord audit, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM devices WHERE id = $id";
            command.Parameters.AddWithValue("$id", deviceId);
            if (command.ExecuteNonQuery() == 0)
            {
                return false;
            }

            database.AppendAudit(connection, audit);
            return true;
        }, cancellationToken);

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
