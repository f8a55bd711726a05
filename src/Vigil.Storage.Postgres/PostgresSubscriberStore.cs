using System.Text.Json;
using Npgsql;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;

namespace Vigil.Storage.Postgres;

public sealed class PostgresSubscriberStore(PostgresDatabase database) : ISubscriberStore
{
    public Task<SubscriberView> AddAsync(NewSubscriber subscriber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        return database.WriteAsync(connection =>
        {
            using var command = new NpgsqlCommand("INSERT INTO subscribers (kind, token_hash, secret, doc) VALUES ($1, $2, $3, '{}') RETURNING id", connection);
            command.Add(subscriber.Kind.ToString()).Add(subscriber.TokenHash).Add(subscriber.Secret);
            var id = (long)command.ExecuteScalar()!;
            var view = new SubscriberView(id, subscriber.Kind, subscriber.Name, subscriber.Url, subscriber.Area, subscriber.CreatedAt);
            using var update = new NpgsqlCommand("UPDATE subscribers SET doc = $1 WHERE id = $2", connection);
            update.AddJson(JsonSerializer.Serialize(view, VigilJson.Default.SubscriberView)).Add(id);
            update.ExecuteNonQuery();
            return view;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<StoredSubscriber>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT doc::text, secret FROM subscribers ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var subscribers = new List<StoredSubscriber>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            subscribers.Add(new StoredSubscriber(
                JsonSerializer.Deserialize(reader.GetString(0), VigilJson.Default.SubscriberView)!,
                reader.IsDBNull(1) ? null : reader.GetString(1)));
        }

        return subscribers;
    }

    public async Task<SubscriberView?> FindByTokenHashAsync(string tokenHash, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT doc::text FROM subscribers WHERE token_hash = $1");
        command.Add(tokenHash);
        return await Sql.ReadDocAsync(command, VigilJson.Default.SubscriberView, cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> RemoveAsync(long id, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
        {
            using var deliveries = new NpgsqlCommand("DELETE FROM deliveries WHERE subscriber_id = $1", connection);
            deliveries.Add(id);
            deliveries.ExecuteNonQuery();
            using var command = new NpgsqlCommand("DELETE FROM subscribers WHERE id = $1", connection);
            command.Add(id);
            return command.ExecuteNonQuery() > 0;
        }, cancellationToken);
}
