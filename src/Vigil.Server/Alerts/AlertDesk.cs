using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Vigil.Alerting.Cap;
using Vigil.Alerting.Cap.Authoring;
using Vigil.Alerting.Cap.Validation;
using Vigil.Platform.Contracts;
using Vigil.Platform.Operations;
using Vigil.Platform.Ports;
using Vigil.Server.Configuration;

namespace Vigil.Server.Alerts;

/// <summary>
/// Public warnings from draft to publication and cancellation, under the two-person rule: whoever drafts an alert
/// cannot approve it. Every change is stored with its audit record and feed event, then published live. A message that
/// is issued (an Alert, an Update or a Cancel) is stored together with its deliveries to the subscribers its area reaches.
/// </summary>
public sealed class AlertDesk(
    IAlertStore store, ILiveFeed feed, TimeProvider time, IOptions<AlertingOptions> options, SubscriberDirectory subscribers, WebhookDispatcher dispatcher)
{
    public const string Drafted = "alert.drafted";
    public const string Published = "alert.published";
    public const string Cancelled = "alert.cancelled";
    public const string Superseded = "alert.superseded";

    private readonly CapApproval _approval = new(time);

    // Approval and cancellation read, check and rewrite one alert; one at a time keeps two supervisors from both
    // issuing the same draft or cancelling it twice.
    private readonly SemaphoreSlim _changes = new(1, 1);

    public AlertingOptions Options => options.Value;

    /// <summary>A fresh CAP identifier: time-ordered for people reading a feed, random so that it cannot be guessed or collide.</summary>
    public string NewIdentifier() =>
        $"vigil-{time.GetUtcNow():yyyyMMdd-HHmmss}-{RandomNumberGenerator.GetHexString(8, lowercase: true)}";

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Stores a draft for approval; returns the findings instead when the alert would not be valid CAP 1.2.</summary>
    /// <param name="updateOf">For an Update message, the id of the issued alert it replaces once approved.</param>
    public async Task<(AlertView? Alert, IReadOnlyList<CapFinding> Findings)> DraftAsync(
        CapAlertBuilder builder, string author, long? incidentId, CancellationToken cancellationToken, string? updateOf = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!_approval.TryDraft(author, builder, out var draft, out var findings))
        {
            return (null, findings);
        }

        var view = AlertViews.From(draft!.Alert, AlertStatus.Pending, author, draft.DraftedAt, incidentId) with { UpdateOf = updateOf };
        var audit = new AuditRecord(draft.DraftedAt, author, "alert.draft", "alert", view.Id, null, Json(view));
        var records = await store.SaveAsync([new AlertChange(view, CapWriter.ToXml(draft.Alert), Drafted, audit)], cancellationToken).ConfigureAwait(false);
        feed.Publish(records);
        return (view, findings);
    }

    /// <summary>
    /// Stores an alert composed by a monitor (e.g. an air-quality advisory) as a draft for approval. It is validated
    /// again here, so nothing reaches the approval queue that could not be issued.
    /// </summary>
    public async Task<(AlertView? Alert, IReadOnlyList<CapFinding> Findings)> ProposeAsync(CapAlert alert, string author, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var report = CapValidator.Validate(alert);
        if (!report.IsValid)
        {
            return (null, report.Findings);
        }

        var now = time.GetUtcNow();
        var view = AlertViews.From(report.Alert!, AlertStatus.Pending, author, now, incidentId: null);
        var audit = new AuditRecord(now, author, "alert.draft", "alert", view.Id, null, Json(view));
        var records = await store.SaveAsync([new AlertChange(view, CapWriter.ToXml(report.Alert!), Drafted, audit)], cancellationToken).ConfigureAwait(false);
        feed.Publish(records);
        return (view, report.Findings);
    }

    /// <summary>The CAP message of an alert in force, which an Update may replace; an explanation when there is none.</summary>
    public async Task<DeskResult<CapAlert>> InForceAsync(string id, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return DeskResult<CapAlert>.NotFound($"No alert {id}.");
        }

        return AlertViews.IsActive(stored.Alert, time.GetUtcNow())
            ? DeskResult<CapAlert>.Ok(Parse(stored.CapXml))
            : DeskResult<CapAlert>.Invalid($"Alert {id} is not in force ({stored.Alert.Status.ToString().ToLowerInvariant()}, or expired); only an issued alert can be updated.");
    }

    /// <summary>Issues a pending draft on a second person's approval; the alert's <c>sent</c> becomes the approval time.</summary>
    public async Task<DeskResult<AlertView>> ApproveAsync(string id, string supervisor, CancellationToken cancellationToken)
    {
        await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { } stored)
            {
                return DeskResult<AlertView>.NotFound($"No alert {id}.");
            }

            var current = stored.Alert;
            if (current.Expires is { } expires && expires <= time.GetUtcNow())
            {
                return DeskResult<AlertView>.Invalid("The draft has expired; draft it again with a later expiry.");
            }

            var draft = new CapDraft
            {
                Author = current.Author,
                Alert = Parse(stored.CapXml),
                DraftedAt = current.DraftedAt,
                State = current.Status == AlertStatus.Pending ? CapDraftState.Pending : CapDraftState.Issued,
            };

            // The endpoint's policy has already established that the caller may approve public warnings.
            if (!_approval.TryIssue(draft, supervisor, isSupervisor: true, out var issued, out var error))
            {
                return DeskResult<AlertView>.Invalid(error ?? "The draft cannot be issued.");
            }

            // An Update replaces an alert that must still be in force when it is approved, not only when it was drafted.
            StoredAlert? replaced = null;
            if (current.UpdateOf is { } previousId)
            {
                replaced = await store.GetAsync(previousId, cancellationToken).ConfigureAwait(false);
                if (replaced is null || !AlertViews.IsActive(replaced.Alert, time.GetUtcNow()))
                {
                    return DeskResult<AlertView>.Invalid($"The alert this updates ({previousId}) is no longer in force; draft a new alert instead.");
                }
            }

            var view = AlertViews.From(issued!.Alert, AlertStatus.Issued, current.Author, current.DraftedAt, current.IncidentId) with
            {
                ApprovedBy = supervisor,
                UpdateOf = current.UpdateOf,
            };
            var at = issued.DecidedAt ?? time.GetUtcNow();
            var audit = new AuditRecord(at, supervisor, "alert.approve", "alert", id, Json(current), Json(view));
            var deliveries = await subscribers.DeliveriesForAsync(issued.Alert, replaced is null ? null : Parse(replaced.CapXml), cancellationToken)
                .ConfigureAwait(false);
            List<AlertChange> changes = [new AlertChange(view, CapWriter.ToXml(issued.Alert), Published, audit, deliveries)];
            if (replaced is not null)
            {
                var superseded = replaced.Alert with { Status = AlertStatus.Superseded, SupersededBy = id };
                changes.Add(new AlertChange(superseded, replaced.CapXml, Superseded,
                    new AuditRecord(at, supervisor, "alert.supersede", "alert", superseded.Id, Json(replaced.Alert), Json(superseded))));
            }

            var records = await store.SaveAsync(changes, cancellationToken).ConfigureAwait(false);
            feed.Publish(records);
            dispatcher.Wake();
            return DeskResult<AlertView>.Ok(view);
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>
    /// Withdraws an issued alert: publishes a CAP Cancel message whose references name the alert (and everything it
    /// referenced), and marks the alert cancelled, in one transaction.
    /// </summary>
    public async Task<DeskResult<AlertView>> CancelAsync(string id, string actor, string? note, CancellationToken cancellationToken)
    {
        await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { } stored)
            {
                return DeskResult<AlertView>.NotFound($"No alert {id}.");
            }

            var current = stored.Alert;
            if (current.Status != AlertStatus.Issued || current.MsgType == "Cancel")
            {
                return DeskResult<AlertView>.Invalid(current.Status == AlertStatus.Pending
                    ? "The alert has not been issued; there is nothing to cancel."
                    : $"The alert is already {current.Status.ToString().ToLowerInvariant()}.");
            }

            var now = time.GetUtcNow();
            var builder = CapAlertBuilder.CancelOf(Parse(stored.CapXml), NewIdentifier(), now, note);
            if (!builder.TryBuild(out var cancel, out var findings))
            {
                return DeskResult<AlertView>.Invalid("The Cancel message is not valid CAP: " + string.Join("; ", findings));
            }

            var message = AlertViews.From(cancel!, AlertStatus.Issued, actor, now, current.IncidentId) with { ApprovedBy = actor };
            var cancelled = current with { Status = AlertStatus.Cancelled, CancelledBy = actor, CancelledAt = now, CancelId = message.Id };
            var deliveries = await subscribers.DeliveriesForAsync(cancel!, null, cancellationToken).ConfigureAwait(false);
            var records = await store.SaveAsync(
                [
                    new AlertChange(message, CapWriter.ToXml(cancel!), Published,
                        new AuditRecord(now, actor, "alert.publish-cancel", "alert", message.Id, null, Json(message)), deliveries),
                    new AlertChange(cancelled, stored.CapXml, Cancelled,
                        new AuditRecord(now, actor, "alert.cancel", "alert", id, Json(current), Json(cancelled))),
                ],
                cancellationToken).ConfigureAwait(false);
            feed.Publish(records);
            dispatcher.Wake();
            return DeskResult<AlertView>.Ok(message);
        }
        finally
        {
            _changes.Release();
        }
    }

    private static CapAlert Parse(string xml)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(xml));
        var findings = new List<CapFinding>();
        if (!CapParser.TryParse(stream, out var alert, findings) || alert is null)
        {
            // Only documents this desk wrote after validating them are stored, so this is a broken invariant.
            throw new InvalidOperationException("A stored CAP alert does not parse: " + string.Join("; ", findings));
        }

        return alert;
    }

    private static string Json(AlertView view) => JsonSerializer.Serialize(view, VigilJson.Default.AlertView);
}
