using System.Text.Json;
using Vigil.Domain.Reports;
using Vigil.Platform.Configuration;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;

namespace Vigil.Platform.Reports;

/// <summary>
/// Removes personal data from reports closed (resolved or dismissed) longer than the retention period: the sealed
/// contact and the photo always, and for sensitive categories the free text (description, location text) too. What
/// stays (category, status, location, times) is what the city needs for statistics. Each purge is one transaction
/// with its audit record, so the tamper-evident log shows when and what was removed, but not the removed data.
/// </summary>
public sealed class ReportRetention(IReportStore store, ILiveFeed feed, PrivacyOptions options, TimeProvider time)
{
    public const string Removed = "[removed under the retention policy]";
    private const int Page = 200;

    public async Task<int> PurgeDueAsync(CancellationToken cancellationToken)
    {
        var purged = 0;
        while (true)
        {
            var now = time.GetUtcNow();
            var due = await store.ListPurgeDueAsync(now - TimeSpan.FromDays(options.ClosedReportDays), Page, cancellationToken).ConfigureAwait(false);
            foreach (var report in due)
            {
                var sensitive = ReportCategories.IsSensitive(report.Category);
                var clean = report with
                {
                    HasContact = false,
                    HasPhoto = false,
                    Description = sensitive ? Removed : report.Description,
                    LocationText = sensitive && report.LocationText is not null ? Removed : report.LocationText,
                    PurgedAt = now,
                    UpdatedAt = now,
                    UpdatedBy = "retention",
                };
                var removed = new PurgeSummary(report.HasContact, report.HasPhoto, sensitive, options.ClosedReportDays);
                var audit = new AuditRecord(now, "retention", "report.purge", "report", report.Ticket, null,
                    JsonSerializer.Serialize(removed, VigilJson.Default.PurgeSummary));
                if (await store.PurgeAsync(clean, audit, cancellationToken).ConfigureAwait(false) is { } record)
                {
                    feed.Publish([record]);
                    purged++;
                }
            }

            if (due.Count < Page)
            {
                return purged;
            }
        }
    }
}

/// <summary>What a purge removed, as its audit record says (never the removed values).</summary>
public sealed record PurgeSummary(bool Contact, bool Photo, bool FreeText, int RetentionDays);
