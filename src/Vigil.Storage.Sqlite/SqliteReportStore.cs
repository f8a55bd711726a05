using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Vigil.Domain.Reports;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;
using Vigil.Platform.Reports;

namespace Vigil.Storage.Sqlite;

public sealed class SqliteReportStore(SqliteDatabase database) : IReportStore
{
    public Task<FeedRecord> AddAsync(ReportView report, string? sealedContact, ReportPhoto? photo, AuditRecord audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var doc = JsonSerializer.Serialize(report, VigilJson.Default.ReportView);
        return database.WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO reports (ticket, status, created_at, updated_at, doc, contact, photo_type, photo)
                VALUES ($t, $s, $c, $u, $doc, $contact, $pt, $p)
                """;
            command.Parameters.AddWithValue("$t", report.Ticket);
            command.Parameters.AddWithValue("$s", report.Status.ToString());
            command.Parameters.AddWithValue("$c", Time(report.CreatedAt));
            command.Parameters.AddWithValue("$u", Time(report.UpdatedAt));
            command.Parameters.AddWithValue("$doc", doc);
            command.Parameters.AddWithValue("$contact", (object?)sealedContact ?? DBNull.Value);
            command.Parameters.AddWithValue("$pt", (object?)photo?.ContentType ?? DBNull.Value);
            command.Parameters.AddWithValue("$p", (object?)photo?.Data ?? DBNull.Value);
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
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE reports SET status = $s, updated_at = $u, doc = $doc WHERE ticket = $t";
            command.Parameters.AddWithValue("$t", report.Ticket);
            command.Parameters.AddWithValue("$s", report.Status.ToString());
            command.Parameters.AddWithValue("$u", Time(report.UpdatedAt));
            command.Parameters.AddWithValue("$doc", doc);
            if (command.ExecuteNonQuery() == 0)
            {
                return null;
            }

            database.AppendAudit(connection, audit);
            return AppendFeed(connection, ReportDesk.Updated, report);
        }, cancellationToken);
    }

    public Task<ReportView?> GetAsync(string ticket, CancellationToken cancellationToken)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT doc FROM reports WHERE ticket = $t";
        command.Parameters.AddWithValue("$t", ticket);
        return Task.FromResult(command.ExecuteScalar() is string json ? JsonSerializer.Deserialize(json, VigilJson.Default.ReportView) : null);
    }

    public Task<IReadOnlyList<ReportView>> ListAsync(bool openOnly, int limit, CancellationToken cancellationToken)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT doc FROM reports WHERE $open = 0 OR status IN ($a, $b, $c) ORDER BY created_at DESC, ticket LIMIT $limit";
        command.Parameters.AddWithValue("$open", openOnly ? 1 : 0);
        command.Parameters.AddWithValue("$a", nameof(ReportStatus.Received));
        command.Parameters.AddWithValue("$b", nameof(ReportStatus.InReview));
        command.Parameters.AddWithValue("$c", nameof(ReportStatus.InProgress));
        command.Parameters.AddWithValue("$limit", limit);
        return Task.FromResult(ReadDocs(command));
    }

    public Task<ReportPhoto?> GetPhotoAsync(string ticket, CancellationToken cancellationToken)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT photo_type, photo FROM reports WHERE ticket = $t AND photo IS NOT NULL";
        command.Parameters.AddWithValue("$t", ticket);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? new ReportPhoto(reader.GetString(0), (byte[])reader.GetValue(1)) : null);
    }

    public Task<IReadOnlyList<ReportView>> QueryAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        var sql = new System.Text.StringBuilder("SELECT doc FROM reports WHERE 1 = 1");
        if (query.From is { } from)
        {
            sql.Append(" AND created_at >= $from");
            command.Parameters.AddWithValue("$from", from.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        }

        if (query.To is { } to)
        {
            sql.Append(" AND created_at <= $to");
            command.Parameters.AddWithValue("$to", to.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        }

        if (query.Open is { } open)
        {
            sql.Append(open ? " AND status IN ($a, $b, $c)" : " AND status NOT IN ($a, $b, $c)");
            command.Parameters.AddWithValue("$a", nameof(ReportStatus.Received));
            command.Parameters.AddWithValue("$b", nameof(ReportStatus.InReview));
            command.Parameters.AddWithValue("$c", nameof(ReportStatus.InProgress));
        }

        AppendIn(command, sql, "ticket", "$t", query.Tickets);
        AppendIn(command, sql, "json_extract(doc, '$.category')", "$k", query.Categories);
        sql.Append(" ORDER BY created_at DESC, ticket LIMIT $limit");
        command.Parameters.AddWithValue("$limit", query.Limit);
        command.CommandText = sql.ToString();
        return Task.FromResult(ReadDocs(command));
    }

    public Task<string?> GetSealedContactAsync(string ticket, CancellationToken cancellationToken)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT contact FROM reports WHERE ticket = $t";
        command.Parameters.AddWithValue("$t", ticket);
        return Task.FromResult(command.ExecuteScalar() as string);
    }

    public Task<IReadOnlyList<SealedContact>> ListSealedContactsAsync(string? afterTicket, int limit, CancellationToken cancellationToken)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT ticket, contact FROM reports WHERE contact IS NOT NULL AND ticket > $after ORDER BY ticket LIMIT $limit";
        command.Parameters.AddWithValue("$after", afterTicket ?? string.Empty);
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var contacts = new List<SealedContact>();
        while (reader.Read())
        {
            contacts.Add(new SealedContact(reader.GetString(0), reader.GetString(1)));
        }

        return Task.FromResult<IReadOnlyList<SealedContact>>(contacts);
    }

    public Task<bool> ResealContactAsync(string ticket, string expected, string replacement, AuditRecord audit, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE reports SET contact = $new WHERE ticket = $t AND contact = $old";
            command.Parameters.AddWithValue("$t", ticket);
            command.Parameters.AddWithValue("$old", expected);
            command.Parameters.AddWithValue("$new", replacement);
            if (command.ExecuteNonQuery() == 0)
            {
                return false;
            }

            database.AppendAudit(connection, audit);
            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<ReportView>> ListPurgeDueAsync(DateTimeOffset closedBefore, int limit, CancellationToken cancellationToken)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT doc FROM reports WHERE purged_at IS NULL AND status IN ($a, $b) AND updated_at < $before
            ORDER BY updated_at, ticket LIMIT $limit
            """;
        command.Parameters.AddWithValue("$a", nameof(ReportStatus.Resolved));
        command.Parameters.AddWithValue("$b", nameof(ReportStatus.Dismissed));
        command.Parameters.AddWithValue("$before", Time(closedBefore));
        command.Parameters.AddWithValue("$limit", limit);
        return Task.FromResult(ReadDocs(command));
    }

    public Task<FeedRecord?> PurgeAsync(ReportView purged, AuditRecord audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(purged);
        var doc = JsonSerializer.Serialize(purged, VigilJson.Default.ReportView);
        return database.WriteAsync<FeedRecord?>(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                UPDATE reports SET doc = $doc, updated_at = $u, purged_at = $u, contact = NULL, photo = NULL, photo_type = NULL
                WHERE ticket = $t AND purged_at IS NULL AND status IN ($a, $b)
                """;
            command.Parameters.AddWithValue("$t", purged.Ticket);
            command.Parameters.AddWithValue("$doc", doc);
            command.Parameters.AddWithValue("$u", Time(purged.UpdatedAt));
            command.Parameters.AddWithValue("$a", nameof(ReportStatus.Resolved));
            command.Parameters.AddWithValue("$b", nameof(ReportStatus.Dismissed));
            if (command.ExecuteNonQuery() == 0)
            {
                return null;
            }

            database.AppendAudit(connection, audit);
            return AppendFeed(connection, ReportDesk.Updated, purged);
        }, cancellationToken);
    }

    private static IReadOnlyList<ReportView> ReadDocs(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var reports = new List<ReportView>();
        while (reader.Read())
        {
            reports.Add(JsonSerializer.Deserialize(reader.GetString(0), VigilJson.Default.ReportView)!);
        }

        return reports;
    }

    /// <summary>"AND column IN (...)" with one parameter per value; an empty list matches nothing.</summary>
    private static void AppendIn(SqliteCommand command, System.Text.StringBuilder sql, string column, string prefix, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return;
        }

        if (values.Count == 0)
        {
            sql.Append(" AND 0 = 1");
            return;
        }

        sql.Append(" AND ").Append(column).Append(" IN (");
        for (var i = 0; i < values.Count; i++)
        {
            var name = prefix + i.ToString(CultureInfo.InvariantCulture);
            sql.Append(i == 0 ? string.Empty : ", ").Append(name);
            command.Parameters.AddWithValue(name, values[i]);
        }

        sql.Append(')');
    }

    // Fixed-width UTC round-trip text, so that string order is time order in SQL comparisons.
    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static FeedRecord AppendFeed(SqliteConnection connection, string type, ReportView report)
    {
        var at = report.UpdatedAt;
        var json = JsonSerializer.Serialize(ReportEnvelope.ForFeed(type, at, report), VigilJson.Default.ReportEnvelope);
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO feed (type, at, data) VALUES ($t, $at, $d) RETURNING seq";
        command.Parameters.AddWithValue("$t", type);
        command.Parameters.AddWithValue("$at", at.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$d", json);
        return new FeedRecord((long)command.ExecuteScalar()!, type, at, json);
    }
}
