using System.Text.Json;
using Vigil.Domain.Reports;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;

namespace Vigil.Platform.Reports;

/// <summary>
/// Takes residents' reports in and moves them through review. Each change is stored with its feed event, then
/// published live, so an operator's console shows a new report the moment it is committed.
/// </summary>
public sealed class ReportDesk(IReportStore store, ILiveFeed feed, TimeProvider time)
{
    public const string Created = "report.created";
    public const string Updated = "report.updated";

    // Status changes are read-modify-write on one document; one at a time keeps two operators from overwriting each other.
    private readonly SemaphoreSlim _updates = new(1, 1);

    public async Task<ReportView> SubmitAsync(NewReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var now = time.GetUtcNow();
        var view = new ReportView(ReportTicket.NewTicket(), report.Category, ReportStatus.Received, report.Description, report.Location,
            report.LocationText, report.Contact, report.Photo is not null, now, now, null, null, null);
        var json = JsonSerializer.Serialize(view, VigilJson.Default.ReportView);
        var audit = new AuditRecord(now, "public", "report.create", "report", view.Ticket, null, json);
        var record = await store.AddAsync(view, report.Photo, audit, cancellationToken).ConfigureAwait(false);
        feed.Publish([record]);
        return view;
    }

    /// <summary>Moves a report to <paramref name="status"/> with an optional note the resident will read.</summary>
    public async Task<ReportView?> UpdateStatusAsync(string ticket, ReportStatus status, string? note, long? incidentId, string actor, CancellationToken cancellationToken)
    {
        await _updates.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = await store.GetAsync(ticket, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return null;
            }

            var now = time.GetUtcNow();
            var updated = current with
            {
                Status = status,
                StatusNote = note ?? current.StatusNote,
                IncidentId = incidentId ?? current.IncidentId,
                UpdatedAt = now,
                UpdatedBy = actor,
            };
            var audit = new AuditRecord(now, actor, "report.update", "report", ticket,
                JsonSerializer.Serialize(current, VigilJson.Default.ReportView), JsonSerializer.Serialize(updated, VigilJson.Default.ReportView));
            var record = await store.UpdateAsync(updated, audit, cancellationToken).ConfigureAwait(false);
            if (record is null)
            {
                return null;
            }

            feed.Publish([record]);
            return updated;
        }
        finally
        {
            _updates.Release();
        }
    }
}
