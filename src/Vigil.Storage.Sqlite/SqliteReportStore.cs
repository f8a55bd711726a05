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
    public Task<FeedRecord> AddAsync(ReportView report, ReportPhoto? photo, AuditRecord audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var doc = JsonSerializer.Serialize(report, VigilJson.Default.ReportView);
        return database.WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO reports (ticket, status, created_at, doc, photo_type, photo) VALUES ($t, $s, $c, $doc, $pt, $p)";
            command.Parameters.AddWithValue("$t", report.Ticket);
            command.Parameters.AddWithValue("$s", report.Status.ToString());
            command.Parameters.AddWithValue("$c", report.CreatedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$doc", doc);
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
            command.CommandText = "UPDATE reports SET status = $s, doc = $doc WHERE ticket = $t";
            command.Parameters.AddWithValue("$t", report.Ticket);
            command.Parameters.AddWithValue("$s", report.Status.ToString());
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
        using var reader = command.ExecuteReader();
        var reports = new List<ReportView>();
        while (reader.Read())
        {
            reports.Add(JsonSerializer.Deserialize(reader.GetString(0), VigilJson.Default.ReportView)!);
        }

        return Task.FromResult<IReadOnlyList<ReportView>>(reports);
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
        using var reader = command.ExecuteReader();
        var reports = new List<ReportView>();
        while (reader.Read())
        {
            reports.Add(JsonSerializer.Deserialize(reader.GetString(0), VigilJson.Default.ReportView)!);
        }

        return Task.FromResult<IReadOnlyList<ReportView>>(reports);
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

    private static FeedRecord AppendFeed(SqliteConnection connection, string type, ReportView report)
    {
        var at = report.UpdatedAt;
        var json = JsonSerializer.Serialize(new ReportEnvelope(type, at, report), VigilJson.Default.ReportEnvelope);
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO feed (type, at, data) VALUES ($t, $at, $d) RETURNING seq";
        command.Parameters.AddWithValue("$t", type);
        command.Parameters.AddWithValue("$at", at.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$d", json);
        return new FeedRecord((long)command.ExecuteScalar()!, type, at, json);
    }
}
