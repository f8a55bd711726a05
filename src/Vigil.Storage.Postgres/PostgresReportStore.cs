using System.Text.Json;
using Npgsql;
using Vigil.Domain.Reports;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;
using Vigil.Platform.Reports;

namespace Vigil.Storage.Postgres;

public sealed class PostgresReportStore(PostgresDatabase database) : IReportStore
{
    public Task<FeedRecord> AddAsync(ReportView report, ReportPhoto? photo, AuditRecord audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var doc = JsonSerializer.Serialize(report, VigilJson.Default.ReportView);
        return database.WriteAsync(connection =>
        {
            using var command = new NpgsqlCommand("INSERT INTO reports (ticket, status, created_at, doc, photo_type, photo) VALUES ($1, $2, $3, $4, $5, $6)", connection);
            command.Add(report.Ticket).Add(report.Status.ToString()).Add((DateTimeOffset?)report.CreatedAt).AddJson(doc).Add(photo?.ContentType).Add(photo?.Data);
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
            using var command = new NpgsqlCommand("UPDATE reports SET status = $2, doc = $3 WHERE ticket = $1", connection);
            command.Add(report.Ticket).Add(report.Status.ToString()).AddJson(doc);
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

    private static FeedRecord AppendFeed(NpgsqlConnection connection, string type, ReportView report)
    {
        var at = report.UpdatedAt;
        var json = JsonSerializer.Serialize(new ReportEnvelope(type, at, report), VigilJson.Default.ReportEnvelope);
        return Sql.AppendFeed(connection, type, at, json);
    }
}
