using System.Text.Json;
using Npgsql;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;

namespace Vigil.Storage.Postgres;

public sealed class PostgresDeliveryOutbox(PostgresDatabase database) : IDeliveryOutbox
{
    /// <summary>Writes the deliveries of one alert in the caller's transaction; a repeat for the same subscriber is ignored.</summary>
    internal static void Insert(NpgsqlConnection connection, string alertId, DateTimeOffset at, IReadOnlyList<NewDelivery> deliveries)
    {
        foreach (var delivery in deliveries)
        {
            using var command = new NpgsqlCommand("""
                INSERT INTO deliveries (subscriber_id, alert_id, idempotency_key, state, attempts, created_at, due_at, delivered_at)
                VALUES ($1, $2, $3, $4, 0, $5, $5, CASE WHEN $4 = 2 THEN $5 END)
                ON CONFLICT (subscriber_id, alert_id) DO NOTHING
                """, connection);
            command.Add(delivery.SubscriberId).Add(alertId).Add(delivery.IdempotencyKey).Add((int?)delivery.State).Add((DateTimeOffset?)at);
            command.ExecuteNonQuery();
        }
    }

    public Task<IReadOnlyList<DueDelivery>> LeaseDueAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken cancellationToken) =>
        database.WriteAsync<IReadOnlyList<DueDelivery>>(connection =>
        {
            // SKIP LOCKED lets several nodes lease from one outbox without waiting on each other's rows.
            using var command = new NpgsqlCommand("""
                WITH due AS (
                    SELECT d.id FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id
                    WHERE d.state IN (0, 1) AND d.due_at <= $1 AND s.kind = 'Webhook'
                    ORDER BY d.due_at, d.id LIMIT $3 FOR UPDATE OF d SKIP LOCKED),
                leased AS (
                    UPDATE deliveries d SET state = 1, attempts = d.attempts + 1, due_at = $2
                    FROM due WHERE d.id = due.id
                    RETURNING d.id, d.subscriber_id, d.alert_id, d.idempotency_key, d.attempts)
                SELECT l.id, l.subscriber_id, l.alert_id, s.doc->>'url', s.secret, l.idempotency_key, a.cap, l.attempts
                FROM leased l JOIN subscribers s ON s.id = l.subscriber_id JOIN alerts a ON a.id = l.alert_id
                ORDER BY l.id
                """, connection);
            command.Add((DateTimeOffset?)now).Add((DateTimeOffset?)leaseUntil).Add((int?)max);
            using var reader = command.ExecuteReader();
            var due = new List<DueDelivery>();
            while (reader.Read())
            {
                due.Add(new DueDelivery(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    reader.GetString(5), reader.GetString(6), reader.GetInt32(7)));
            }

            return due;
        }, cancellationToken);

    public Task<bool> CompleteAsync(long id, DeliveryState state, DateTimeOffset at, DateTimeOffset dueAt, string? error, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
        {
            using var command = new NpgsqlCommand("""
                UPDATE deliveries SET state = $1, due_at = $2, last_error = $3,
                    delivered_at = CASE WHEN $1 = 2 THEN $4 ELSE delivered_at END
                WHERE id = $5 AND state = 1
                """, connection);
            command.Add((int?)state).Add((DateTimeOffset?)dueAt).Add(error).Add((DateTimeOffset?)at).Add(id);
            return command.ExecuteNonQuery() > 0;
        }, cancellationToken);

    public async Task<IReadOnlyList<DeliveryView>> ListAsync(DeliveryState? state, long? subscriberId, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("""
            SELECT id, subscriber_id, alert_id, idempotency_key, state, attempts, created_at, due_at, delivered_at, last_error FROM deliveries
            WHERE ($1::integer IS NULL OR state = $1) AND ($2::bigint IS NULL OR subscriber_id = $2)
            ORDER BY id DESC LIMIT $3
            """);
        command.Add((int?)state);
        command.Parameters.Add(new NpgsqlParameter { Value = subscriberId.HasValue ? subscriberId.Value : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        command.Add((int?)limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var views = new List<DeliveryView>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            views.Add(new DeliveryView(
                reader.GetInt64(0),
                reader.GetInt64(1),
                reader.GetString(2),
                reader.GetString(3),
                (DeliveryState)reader.GetInt32(4),
                reader.GetInt32(5),
                reader.GetFieldValue<DateTimeOffset>(6),
                reader.GetFieldValue<DateTimeOffset>(7),
                reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8),
                reader.IsDBNull(9) ? null : reader.GetString(9)));
        }

        return views;
    }

    public Task<bool> RequeueAsync(long id, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
        {
            using var command = new NpgsqlCommand("UPDATE deliveries SET state = 0, attempts = 0, due_at = $1 WHERE id = $2 AND state = 3", connection);
            command.Add((DateTimeOffset?)now).Add(id);
            return command.ExecuteNonQuery() > 0;
        }, cancellationToken);

    public async Task<IReadOnlyList<AlertView>> InboxAsync(long subscriberId, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("""
            SELECT a.doc::text FROM deliveries d JOIN alerts a ON a.id = d.alert_id
            WHERE d.subscriber_id = $1 ORDER BY d.id DESC LIMIT $2
            """);
        command.Add(subscriberId).Add((int?)limit);
        return await Sql.ReadDocsAsync(command, VigilJson.Default.AlertView, cancellationToken).ConfigureAwait(false);
    }
}
