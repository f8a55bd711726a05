using System.Text.Json;
using Npgsql;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;

namespace Vigil.Storage.Postgres;

public sealed class PostgresCityMapStore(PostgresDatabase database) : ICityMapStore
{
    public async Task<CityLayers?> LoadAsync(CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT doc FROM city_map WHERE id = 'city'");
        return await Sql.ReadDocAsync(command, VigilJson.Default.CityLayers, cancellationToken).ConfigureAwait(false);
    }

    public Task SaveAsync(CityLayers layers, AuditRecord audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var doc = JsonSerializer.Serialize(layers, VigilJson.Default.CityLayers);
        return database.WriteAsync(connection =>
        {
            using var command = new NpgsqlCommand("INSERT INTO city_map (id, doc) VALUES ('city', $1) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc", connection);
            command.AddJson(doc);
            command.ExecuteNonQuery();
            database.AppendAudit(connection, audit);
            return true;
        }, cancellationToken);
    }
}
