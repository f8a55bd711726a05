using System.Text.Json;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;

namespace Vigil.Storage.Sqlite;

public sealed class SqliteSubscriberStore(SqliteDatabase database) : ISubscriberStore
{
    public Task<SubscriberView> AddAsync(NewSubscriber subscriber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        return database.WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO subscribers (kind, token_hash, secret, doc) VALUES ($k, $t, $s, '{}') RETURNING id";
            command.Parameters.AddWithValue("$k", subscriber.Kind.ToString());
            command.Parameters.AddWithValue("$t", (object?)subscriber.TokenHash ?? DBNull.Value);
            command.Parameters.AddWithValue("$s", (object?)subscriber.Secret ?? DBNull.Value);
            var id = (long)command.ExecuteScalar()!;
            var view = new SubscriberView(id, subscriber.Kind, subscriber.Name, subscriber.Url, subscriber.Area, subscriber.CreatedAt);
            using var update = connection.CreateCommand();
            update.CommandText = "UPDATE subscribers SET doc = $d WHERE id = $id";
            update.Parameters.AddWithValue("$d", JsonSerializer.Serialize(view, VigilJson.Default.SubscriberView));
            update.Parameters.AddWithValue("$id", id);
            update.ExecuteNonQuery();
            return view;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<StoredSubscriber>> ListAsync(CancellationToken cancellationToken)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT doc, secret FROM subscribers ORDER BY id";
        using var reader = command.ExecuteReader();
        var subscribers = new List<StoredSubscriber>();
        while (reader.Read())
        {
            subscribers.Add(new StoredSubscriber(
                JsonSerializer.Deserialize(reader.GetString(0), VigilJson.Default.SubscriberView)!,
                reader.IsDBNull(1) ? null : reader.GetString(1)));
        }

        return Task.FromResult<IReadOnlyList<StoredSubscriber>>(subscribers);
    }

    public Task<SubscriberView?> FindByTokenHashAsync(string tokenHash, CancellationToken cancellationToken)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT doc FROM subscribers WHERE token_hash = $t";
        command.Parameters.AddWithValue("$t", tokenHash);
        return Task.FromResult(command.ExecuteScalar() is string json ? JsonSerializer.Deserialize(json, VigilJson.Default.SubscriberView) : null);
    }

    public Task<bool> RemoveAsync(long id, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
        {
            using var deliveries = connection.CreateCommand();
            deliveries.CommandText = "DELETE FROM deliveries WHERE subscriber_id = $id";
            deliveries.Parameters.AddWithValue("$id", id);
            deliveries.ExecuteNonQuery();
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM subscribers WHERE id = $id";
            command.Parameters.AddWithValue("$id", id);
            return command.ExecuteNonQuery() > 0;
        }, cancellationToken);
}
