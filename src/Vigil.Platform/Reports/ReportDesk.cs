using System.Text.Json;
using Vigil.Domain.Reports;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;
using Vigil.Platform.Privacy;

namespace Vigil.Platform.Reports;

/// <summary>
/// Takes residents' reports in and moves them through review. Each change is stored with its feed event, then
/// published live, so an operator's console shows a new report the moment it is committed. Contact details are
/// sealed before they reach storage and opened only on an operator's audited request.
/// </summary>
public sealed class ReportDesk(IReportStore store, IAuditStore auditLog, ILiveFeed feed, ContactCipher cipher, TimeProvider time)
{
    public const string Created = "report.created";
    public const string Updated = "report.updated";

    /// <summary>How many times a resident may reopen one report; past that, a new report is the honest channel.</summary>
    public const int MaxReopens = 3;

    // Status changes are read-modify-write on one document; one at a time keeps two operators from overwriting each other.
    private readonly SemaphoreSlim _updates = new(1, 1);

    /// <summary>The audit's actor for a report filed through the resident portal.</summary>
    public const string Portal = "public";

    /// <summary>The audit's actor for a report filed by an Open311 client: the app that holds the key, by id and name.</summary>
    public static string Open311Client(string keyId, string keyName) => $"open311:{keyId} ({keyName})";

    /// <summary>
    /// Files a report. <paramref name="filedBy"/> names the channel in the audit (<see cref="Portal"/> or
    /// <see cref="Open311Client"/>), so an abusive or broken integration can be traced to its key.
    /// </summary>
    public async Task<ReportView> SubmitAsync(NewReport report, string filedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var now = time.GetUtcNow();
        var ticket = ReportTicket.NewTicket();
        var contact = report.Contact is { IsEmpty: false } c ? cipher.Seal(c, ticket) : null;
        var view = new ReportView(ticket, report.Category, ReportStatus.Received, report.Description, report.Location,
            report.LocationText, contact is not null, report.Photo is not null, now, now, null, null, null);
        var json = JsonSerializer.Serialize(view, VigilJson.Default.ReportView);
        var audit = new AuditRecord(now, filedBy, "report.create", "report", view.Ticket, null, json);
        var record = await store.AddAsync(view, contact, report.Photo, audit, cancellationToken).ConfigureAwait(false);
        feed.Publish([record]);
        return view;
    }

    /// <summary>Moves a report to <paramref name="status"/> with an optional note the resident will read.</summary>
    public Task<ReportView?> UpdateStatusAsync(string ticket, ReportStatus status, string? note, long? incidentId, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(ticket, actor, "report.update", current => current with
        {
            Status = status,
            StatusNote = note ?? current.StatusNote,
            IncidentId = incidentId ?? current.IncidentId,
        }, cancellationToken);

    /// <summary>
    /// Closes <paramref name="ticket"/> as a duplicate of <paramref name="intoTicket"/>. The public note does not name
    /// the other ticket: a ticket number is the only key to a resident's report.
    /// </summary>
    public async Task<ReportChange> MergeAsync(string ticket, string intoTicket, string actor, CancellationToken cancellationToken)
    {
        if (string.Equals(ticket, intoTicket, StringComparison.Ordinal))
        {
            return ReportChange.Refused("A report cannot be merged into itself.");
        }

        if (await store.GetAsync(intoTicket, cancellationToken).ConfigureAwait(false) is not { } target)
        {
            return ReportChange.Missing(intoTicket);
        }

        if (target.DuplicateOf is not null)
        {
            return ReportChange.Refused($"{intoTicket} is itself merged into {target.DuplicateOf}; merge into that one.");
        }

        var refusal = (string?)null;
        var updated = await ChangeAsync(ticket, actor, "report.merge", current =>
        {
            if (!string.Equals(current.Category, target.Category, StringComparison.Ordinal))
            {
                refusal = $"{ticket} is {current.Category} but {intoTicket} is {target.Category}.";
                return null;
            }

            return current with
            {
                Status = ReportStatus.Dismissed,
                DuplicateOf = intoTicket,
                IncidentId = current.IncidentId ?? target.IncidentId,
                StatusNote = "Another resident reported the same problem; it is being handled under their report. Thank you.",
            };
        }, cancellationToken).ConfigureAwait(false);
        return refusal is not null ? ReportChange.Refused(refusal) : updated is null ? ReportChange.Missing(ticket) : ReportChange.Done(updated);
    }

    /// <summary>A resident reopens a report marked resolved that is not fixed after all.</summary>
    public async Task<ReportChange> ReopenAsync(string ticket, string reason, CancellationToken cancellationToken)
    {
        var refusal = (string?)null;
        var updated = await ChangeAsync(ticket, Portal, "report.reopen", current =>
        {
            if (current.Status != ReportStatus.Resolved || ReportCategories.IsPoliceOnly(current.Category) || current.PurgedAt is not null)
            {
                refusal = "Only a report marked resolved can be reopened.";
                return null;
            }

            if (current.ReopenCount >= MaxReopens)
            {
                refusal = $"This report was reopened {MaxReopens} times already; please file a new report.";
                return null;
            }

            return current with
            {
                Status = ReportStatus.Received,
                ReopenCount = current.ReopenCount + 1,
                Description = string.Concat(current.Description, "\n\nReopened by the resident: ", reason),
                StatusNote = "Reopened: the report is back in the queue.",
            };
        }, cancellationToken).ConfigureAwait(false);
        return refusal is not null ? ReportChange.Refused(refusal) : updated is null ? ReportChange.Missing(ticket) : ReportChange.Done(updated);
    }

    /// <summary>Opens a report's contact details for an operator; every opening is written to the audit log.</summary>
    public async Task<ContactDetails?> OpenContactAsync(string ticket, string actor, CancellationToken cancellationToken)
    {
        var sealedValue = await store.GetSealedContactAsync(ticket, cancellationToken).ConfigureAwait(false);
        if (sealedValue is null)
        {
            return null;
        }

        ContactDetails? contact;
        if (ContactCipher.KeyIdOf(sealedValue) is null)
        {
            // Stored before contacts were sealed and not yet resealed by `vigil keys reencrypt`.
            contact = ContactResealer.FromLegacy(sealedValue);
        }
        else if (!cipher.TryOpen(sealedValue, ticket, out contact))
        {
            throw new InvalidOperationException(
                $"The contact of report {ticket} does not open with key '{ContactCipher.KeyIdOf(sealedValue)}': the key ring is missing a key or the value was altered.");
        }

        await auditLog.AppendAsync(new AuditRecord(time.GetUtcNow(), actor, "report.contact.read", "report", ticket, null, null), cancellationToken)
            .ConfigureAwait(false);
        return contact;
    }

    private async Task<ReportView?> ChangeAsync(string ticket, string actor, string action, Func<ReportView, ReportView?> change, CancellationToken cancellationToken)
    {
        await _updates.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = await store.GetAsync(ticket, cancellationToken).ConfigureAwait(false);
            if (current is null || change(current) is not { } changed)
            {
                return null;
            }

            var now = time.GetUtcNow();
            var updated = changed with { UpdatedAt = now, UpdatedBy = actor };
            var audit = new AuditRecord(now, actor, action, "report", ticket,
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
