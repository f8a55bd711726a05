using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Npgsql;
using NpgsqlTypes;
using Vigil.Platform.Ports;

namespace Vigil.Storage.Postgres;

/// <summary>Parameter and document helpers shared by the stores.</summary>
internal static class Sql
{
    public static NpgsqlCommand Add(this NpgsqlCommand command, string? value)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        return command;
    }

    public static NpgsqlCommand AddJson(this NpgsqlCommand command, string json)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = json, NpgsqlDbType = NpgsqlDbType.Jsonb });
        return command;
    }

    public static NpgsqlCommand Add(this NpgsqlCommand command, long value)
    {
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = value });
        return command;
    }

    public static NpgsqlCommand Add(this NpgsqlCommand command, int? value)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = value.HasValue ? value.Value : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        return command;
    }

    public static NpgsqlCommand Add(this NpgsqlCommand command, double value)
    {
        command.Parameters.Add(new NpgsqlParameter<double> { TypedValue = value });
        return command;
    }

    public static NpgsqlCommand Add(this NpgsqlCommand command, bool value)
    {
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = value });
        return command;
    }

    public static NpgsqlCommand Add(this NpgsqlCommand command, DateTimeOffset? value)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = value.HasValue ? value.Value.ToUniversalTime() : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        return command;
    }

    public static NpgsqlCommand Add(this NpgsqlCommand command, byte[]? value)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bytea });
        return command;
    }

    /// <summary>The documents the command selects in its first column, in order.</summary>
    public static async Task<IReadOnlyList<T>> ReadDocsAsync<T>(NpgsqlCommand command, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var items = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(JsonSerializer.Deserialize(reader.GetString(0), type) ?? throw new InvalidDataException("Unreadable stored document."));
        }

        return items;
    }

    public static async Task<T?> ReadDocAsync<T>(NpgsqlCommand command, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class =>
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string json ? JsonSerializer.Deserialize(json, type) : null;

    /// <summary>Appends one live-feed event in the writer's transaction; its sequence number is the SSE event id.</summary>
    public static FeedRecord AppendFeed(NpgsqlConnection connection, string type, DateTimeOffset at, string json)
    {
        using var command = new NpgsqlCommand("INSERT INTO feed (type, at, data) VALUES ($1, $2, $3) RETURNING seq", connection);
        command.Add(type).Add((DateTimeOffset?)at).Add(json);
        return new FeedRecord((long)command.ExecuteScalar()!, type, at, json);
    }
}
