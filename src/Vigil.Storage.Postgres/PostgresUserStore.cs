using System.Text.Json;
using Npgsql;
using Vigil.Domain.Accounts;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;

namespace Vigil.Storage.Postgres;

public sealed class PostgresUserStore(PostgresDatabase database) : IUserStore
{
    public async Task<UserAccount?> FindByNameAsync(string userName, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT doc FROM users WHERE lower(user_name) = lower($1)");
        command.Add(userName);
        return await Sql.ReadDocAsync(command, VigilJson.Default.UserAccount, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT doc FROM users ORDER BY lower(user_name)");
        return await Sql.ReadDocsAsync(command, VigilJson.Default.UserAccount, cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> AddAsync(UserAccount user, AuditRecord audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var doc = JsonSerializer.Serialize(user, VigilJson.Default.UserAccount);
        return database.WriteAsync(connection =>
        {
            using var command = new NpgsqlCommand("INSERT INTO users (id, user_name, doc) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", connection);
            command.Add(user.Id).Add(user.UserName).AddJson(doc);
            if (command.ExecuteNonQuery() == 0)
            {
                return false;
            }

            database.AppendAudit(connection, audit);
            return true;
        }, cancellationToken);
    }

    public Task<bool> UpdateAsync(UserAccount user, AuditRecord audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var doc = JsonSerializer.Serialize(user, VigilJson.Default.UserAccount);
        return database.WriteAsync(connection =>
        {
            using var command = new NpgsqlCommand("UPDATE users SET doc = $2 WHERE id = $1", connection);
            command.Add(user.Id).AddJson(doc);
            if (command.ExecuteNonQuery() == 0)
            {
                return false;
            }

            database.AppendAudit(connection, audit);
            return true;
        }, cancellationToken);
    }
}
