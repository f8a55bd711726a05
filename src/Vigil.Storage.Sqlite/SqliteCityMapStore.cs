using System.Text.Json;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;

namespace Vigil.Storage.Sqlite;

public sealed class SqliteCityMapStore(SqliteDatabase database) : ICityMapStore
{
    public Task<CityLayers?> LoadAsync(CancellationToken cancellationToken)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT doc FROM city_map WHERE id = 'city'";
        return Task.FromResult(command.ExecuteScalar() is string json ? JsonSerializer.Deserialize(json, VigilJson.Default.CityLayers) : null);
    }

    public Task SaveAsync(CityLayers layers, AuditRecord audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var doc = JsonSerializer.Serialize(layers, VigilJson.Default.CityLayers);
        return database.WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO city_map (id, doc) VALUES ('city', $doc) ON CONFLICT(id) DO UPDATE SET doc = $doc";
            command.Parameters.AddWithValue("$doc", doc);
            command.ExecuteNonQuery();
            database.AppendAudit(connection, audit);
            return true;
        }, cancellationToken);
    }
}
