using System.Text.Json;
using Microsoft.Data.Sqlite;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;

namespace Vigil.Storage.Sqlite;

public sealed class SqliteDeliveryOutbox(SqliteDatabase database) : IDeliveryOutbox
{
    private const string ViewColumns = "id, subscriber_id, alert_id, idempotency_key, state, attempts, created_at, due_at, delivered_at, last_error";

    /// <summary>Writes the deliveries of one alert in the caller's transaction; a repeat for the same subscriber is ignored.</summary>
    internal static void Insert(SqliteConnection connection, string alertId, DateTimeOffset at, IReadOnlyList<NewDelivery> deliveries)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR IGNORE INTO deliveries (subscriber_id, alert_id, idempotency_key, state, attempts, created_at, due_at, delivered_at)
            VALUES ($s, $a, $k, $st, 0, $at, $at, CASE WHEN $st = 2 THEN $at END)
            """;
        var subscriber = command.Parameters.Add("$s", SqliteType.Integer);
        var key = command.Parameters.Add("$k", SqliteType.Text);
        var state = command.Parameters.Add("$st", SqliteType.Integer);
        command.Parameters.AddWithValue("$a", alertId);
        command.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
        command.Prepare();
        foreach (var delivery in deliveries)
        {
            subscriber.Value = delivery.SubscriberId;
            key.Value = delivery.IdempotencyKey;
            state.Value = (int)delivery.State;
            command.ExecuteNonQuery();
        }
    }

    public Task<IReadOnlyList<DueDelivery>> LeaseDueAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken cancellationToken) =>
        database.WriteAsync<IReadOnlyList<DueDelivery>>(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                UPDATE deliveries SET state = 1, attempts = attempts + 1, due_at = $lease
                WHERE id IN (SELECT d.id FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id
                             WHERE d.state IN (0, 1) AND d.due_at <= $now AND s.kind = 'Webhook'
                             ORDER BY d.due_at, d.id LIMIT $max)
                RETURNING id
                """;
            command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$lease", leaseUntil.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$max", max);
            var ids = new List<long>();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    ids.Add(reader.GetInt64(0));
                }
            }

            var due = new List<DueDelivery>(ids.Count);
            using var select = connection.CreateCommand();
            select.CommandText = """
                SELECT d.id, d.subscriber_id, d.alert_id, json_extract(s.doc, '$.url'), s.secret, d.idempotency_key, a.cap, d.attempts
                FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id JOIN alerts a ON a.id = d.alert_id
                WHERE d.id = $id
                """;
            var id = select.Parameters.Add("$id", SqliteType.Integer);
            foreach (var leased in ids)
            {
                id.Value = leased;
                using var reader = select.ExecuteReader();
                if (reader.Read())
                {
                    due.Add(new DueDelivery(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                        reader.GetString(5), reader.GetString(6), reader.GetInt32(7)));
                }
            }

            due.Sort((a, b) => a.Id.CompareTo(b.Id));
            return due;
        }, cancellationToken);

    public Task<bool> CompleteAsync(long id, DeliveryState state, DateTimeOffset at, DateTimeOffset dueAt, string? error, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                UPDATE deliveries SET state = $st, due_at = $due, last_error = $e,
                    delivered_at = CASE WHEN $st = 2 THEN $at ELSE delivered_at END
                WHERE id = $id AND state = 1
                """;
            command.Parameters.AddWithValue("$st", (int)state);
            command.Parameters.AddWithValue("$due", dueAt.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$e", (object?)error ?? DBNull.Value);
            command.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$id", id);
            return command.ExecuteNonQuery() > 0;
        }, cancellationToken);

    public Task<IReadOnlyList<DeliveryView>> ListAsync(DeliveryState? state, long? subscriberId, int limit, CancellationToken cancellationToken)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {ViewColumns} FROM deliveries
            WHERE ($st IS NULL OR state = $st) AND ($s IS NULL OR subscriber_id = $s)
            ORDER BY id DESC LIMIT $limit
            """;
        command.Parameters.AddWithValue("$st", state is { } st ? (int)st : DBNull.Value);
        command.Parameters.AddWithValue("$s", subscriberId is { } s ? s : DBNull.Value);
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var views = new List<DeliveryView>();
        while (reader.Read())
        {
            views.Add(new DeliveryView(
                reader.GetInt64(0),
                reader.GetInt64(1),
                reader.GetString(2),
                reader.GetString(3),
                (DeliveryState)reader.GetInt32(4),
                reader.GetInt32(5),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
                reader.IsDBNull(8) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)),
                reader.IsDBNull(9) ? null : reader.GetString(9)));
        }

        return Task.FromResult<IReadOnlyList<DeliveryView>>(views);
    }

    public Task<bool> RequeueAsync(long id, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE deliveries SET state = 0, attempts = 0, due_at = $now WHERE id = $id AND state = 3";
            command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$id", id);
            return command.ExecuteNonQuery() > 0;
        }, cancellationToken);

    public Task<IReadOnlyList<AlertView>> InboxAsync(long subscriberId, int limit, CancellationToken cancellationToken)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT a.doc FROM deliveries d JOIN alerts a ON a.id = d.alert_id
            WHERE d.subscriber_id = $s ORDER BY d.id DESC LIMIT $limit
            """;
        command.Parameters.AddWithValue("$s", subscriberId);
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var alerts = new List<AlertView>();
        while (reader.Read())
        {
            alerts.Add(JsonSerializer.Deserialize(reader.GetString(0), VigilJson.Default.AlertView)!);
        }

        return Task.FromResult<IReadOnlyList<AlertView>>(alerts);
    }
}
