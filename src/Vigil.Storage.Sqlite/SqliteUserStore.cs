using System.Text.Json;
using Vigil.Domain.Accounts;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;

namespace Vigil.Storage.Sqlite;

public sealed class SqliteUserStore(SqliteDatabase database) : IUserStore
{
    public Task<UserAccount?> FindByNameAsync(string userName, CancellationToken cancellationToken)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT doc FROM users WHERE user_name = $n";
        command.Parameters.AddWithValue("$n", userName);
        return Task.FromResult(command.ExecuteScalar() is string json ? JsonSerializer.Deserialize(json, VigilJson.Default.UserAccount) : null);
    }

    public Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT doc FROM users ORDER BY user_name";
        using var reader = command.ExecuteReader();
        var users = new List<UserAccount>();
        while (reader.Read())
        {
            users.Add(JsonSerializer.Deserialize(reader.GetString(0), VigilJson.Default.UserAccount)!);
        }

        return Task.FromResult<IReadOnlyList<UserAccount>>(users);
    }

    public Task<bool> AddAsync(UserAccount user, AuditRecord audit, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT OR IGNORE INTO users (id, user_name, doc) VALUES ($id, $n, $doc)";
            command.Parameters.AddWithValue("$id", user.Id);
            command.Parameters.AddWithValue("$n", user.UserName);
            command.Parameters.AddWithValue("$doc", JsonSerializer.Serialize(user, VigilJson.Default.UserAccount));
            if (command.ExecuteNonQuery() == 0)
            {
                return false;
            }

            database.AppendAudit(connection, audit);
            return true;
        }, cancellationToken);

    public Task<bool> UpdateAsync(UserAccount user, AuditRecord audit, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE users SET doc = $doc WHERE id = $id";
            command.Parameters.AddWithValue("$id", user.Id);
            command.Parameters.AddWithValue("$doc", JsonSerializer.Serialize(user, VigilJson.Default.UserAccount));
            if (command.ExecuteNonQuery() == 0)
            {
                return false;
            }

            database.AppendAudit(connection, audit);
            return true;
        }, cancellationToken);
}
