using System.Text.Json;
using Npgsql;
using Vigil.Domain.Reports;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;
using Vigil.Platform.Reports;

namespace Vigil.Storage.Postgres;

public sealed class PostgresReportStore(PostgresDatabase database) : IReportStore
{
    public Task<FeedRecord> AddAsync(ReportView report, string? sealedContact, ReportPhoto? photo, AuditRecord audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var doc = JsonSerializer.Serialize(report, VigilJson.Default.ReportView);
        return database.WriteAsync(connection =>
        {
            using var command = new NpgsqlCommand(
                "INSERT INTO reports (ticket, status, created_at, updated_at, doc, contact, photo_type, photo) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)", connection);
            command.Add(report.Ticket).Add(report.Status.ToString()).Add((DateTimeOffset?)report.CreatedAt).Add((DateTimeOffset?)report.UpdatedAt).AddJson(doc)
                .Add(sealedContact).Add(photo?.ContentType).Add(photo?.Data);
            command.ExecuteNonQuery();
            database.AppendAudit(connection, audit);
            return AppendFeed(connection, ReportDesk.Created, report);
        }, cancellationToken);
    }

    public Task<FeedRecord?> UpdateAsync(ReportView report, AuditRecord audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var doc = JsonSerializer.Serialize(report, VigilJson.Default.ReportView);
        return database.WriteAsync<FeedRecord?>(connection =>
        {
            using var command = new NpgsqlCommand("UPDATE reports SET status = $2, updated_at = $3, doc = $4 WHERE ticket = $1", connection);
            command.Add(report.Ticket).Add(report.Status.ToString()).Add((DateTimeOffset?)report.UpdatedAt).AddJson(doc);
            if (command.ExecuteNonQuery() == 0)
            {
                return null;
            }

            database.AppendAudit(connection, audit);
            return AppendFeed(connection, ReportDesk.Updated, report);
        }, cancellationToken);
    }

    public async Task<ReportView?> GetAsync(string ticket, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT doc FROM reports WHERE ticket = $1");
        command.Add(ticket);
        return await Sql.ReadDocAsync(command, VigilJson.Default.ReportView, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ReportView>> ListAsync(bool openOnly, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(
            "SELECT doc FROM reports WHERE NOT $1 OR status IN ($2, $3, $4) ORDER BY created_at DESC, ticket LIMIT $5");
        command.Add(openOnly).Add(nameof(ReportStatus.Received)).Add(nameof(ReportStatus.InReview)).Add(nameof(ReportStatus.InProgress)).Add((int?)limit);
        return await Sql.ReadDocsAsync(command, VigilJson.Default.ReportView, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ReportPhoto?> GetPhotoAsync(string ticket, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT photo_type, photo FROM reports WHERE ticket = $1 AND photo IS NOT NULL");
        command.Add(ticket);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? new ReportPhoto(reader.GetString(0), (byte[])reader.GetValue(1)) : null;
    }

    public async Task<IReadOnlyList<ReportView>> QueryAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var command = database.DataSource.CreateCommand("""
            SELECT doc FROM reports
            WHERE ($1::timestamptz IS NULL OR created_at >= $1)
              AND ($2::timestamptz IS NULL OR created_at <= $2)
              AND ($3::boolean IS NULL OR (status IN ($4, $5, $6)) = $3)
              AND ($7::text[] IS NULL OR ticket = ANY($7))
              AND ($8::text[] IS NULL OR doc->>'category' = ANY($8))
            ORDER BY created_at DESC, ticket LIMIT $9
            """);
        command.Add(query.From).Add(query.To);
        command.Parameters.Add(new NpgsqlParameter { Value = query.Open is { } open ? open : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Boolean });
        command.Add(nameof(ReportStatus.Received)).Add(nameof(ReportStatus.InReview)).Add(nameof(ReportStatus.InProgress));
        AddTextArray(command, query.Tickets);
        AddTextArray(command, query.Categories);
        command.Add((int?)query.Limit);
        return await Sql.ReadDocsAsync(command, VigilJson.Default.ReportView, cancellationToken).ConfigureAwait(false);
    }

    private static void AddTextArray(NpgsqlCommand command, IReadOnlyList<string>? values) =>
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = values is null ? DBNull.Value : values.ToArray(),
            NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text,
        });

    public async Task<string?> GetSealedContactAsync(string ticket, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT contact FROM reports WHERE ticket = $1");
        command.Add(ticket);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    public async Task<IReadOnlyList<SealedContact>> ListSealedContactsAsync(string? afterTicket, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(
            "SELECT ticket, contact FROM reports WHERE contact IS NOT NULL AND ticket COLLATE \"C\" > $1 ORDER BY ticket COLLATE \"C\" LIMIT $2");
        command.Add(afterTicket ?? string.Empty).Add((int?)limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var contacts = new List<SealedContact>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            contacts.Add(new SealedContact(reader.GetString(0), reader.GetString(1)));
        }

        return contacts;
    }

    public Task<bool> ResealContactAsync(string ticket, string expected, string replacement, AuditRecord audit, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
        {
            using var command = new NpgsqlCommand("UPDATE reports SET contact = $3 WHERE ticket = $1 AND contact = $2", connection);
            command.Add(ticket).Add(expected).Add(replacement);
            if (command.ExecuteNonQuery() == 0)
            {
                return false;
            }

            database.AppendAudit(connection, audit);
            return true;
        }, cancellationToken);

    public async Task<IReadOnlyList<ReportView>> ListPurgeDueAsync(DateTimeOffset closedBefore, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("""
            SELECT doc FROM reports WHERE purged_at IS NULL AND status IN ($1, $2) AND updated_at < $3
            ORDER BY updated_at, ticket LIMIT $4
            """);
        command.Add(nameof(ReportStatus.Resolved)).Add(nameof(ReportStatus.Dismissed)).Add((DateTimeOffset?)closedBefore).Add((int?)limit);
        return await Sql.ReadDocsAsync(command, VigilJson.Default.ReportView, cancellationToken).ConfigureAwait(false);
    }

    public Task<FeedRecord?> PurgeAsync(ReportView purged, AuditRecord audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(purged);
        var doc = JsonSerializer.Serialize(purged, VigilJson.Default.ReportView);
        return database.WriteAsync<FeedRecord?>(connection =>
        {
            using var command = new NpgsqlCommand("""
                UPDATE reports SET doc = $2, updated_at = $3, purged_at = $3, contact = NULL, photo = NULL, photo_type = NULL
                WHERE ticket = $1 AND purged_at IS NULL AND status IN ($4, $5)
                """, connection);
            command.Add(purged.Ticket).AddJson(doc).Add((DateTimeOffset?)purged.UpdatedAt).Add(nameof(ReportStatus.Resolved)).Add(nameof(ReportStatus.Dismissed));
            if (command.ExecuteNonQuery() == 0)
            {
                return null;
            }

            database.AppendAudit(connection, audit);
            return AppendFeed(connection, ReportDesk.Updated, purged);
        }, cancellationToken);
    }

    private static FeedRecord AppendFeed(NpgsqlConnection connection, string type, ReportView report)
    {
        var at = report.UpdatedAt;
        var json = JsonSerializer.Serialize(ReportEnvelope.ForFeed(type, at, report), VigilJson.Default.ReportEnvelope);
        return Sql.AppendFeed(connection, type, at, json);
    }
}
