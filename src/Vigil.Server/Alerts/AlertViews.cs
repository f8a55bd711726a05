using Vigil.Alerting.Cap;
using Vigil.Platform.Contracts;

namespace Vigil.Server.Alerts;

/// <summary>The operator-facing summary of a CAP message, as stored beside its XML.</summary>
internal static class AlertViews
{
    public static AlertView From(CapAlert alert, AlertStatus status, string author, DateTimeOffset draftedAt, long? incidentId)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var texts = new List<AlertTextView>(alert.Infos.Count);
        foreach (var info in alert.Infos)
        {
            texts.Add(new AlertTextView(info.Language ?? "en-US", info.Event, info.Headline ?? string.Empty, info.Description ?? string.Empty, info.Instruction));
        }

        var areas = new List<AlertAreaView>();
        var first = alert.Infos.Count > 0 ? alert.Infos[0] : null;
        if (first is not null)
        {
            foreach (var area in first.Areas)
            {
                areas.Add(new AlertAreaView(area.AreaDesc, [.. area.Polygons], [.. area.Circles]));
            }
        }

        return new AlertView(
            alert.Identifier,
            CapVocabulary.ToCode(alert.MsgType),
            status,
            first is { Categories.Count: > 0 } ? CapVocabulary.ToCode(first.Categories[0]) : "Other",
            first is null ? "Unknown" : CapVocabulary.ToCode(first.Urgency),
            first is null ? "Unknown" : CapVocabulary.ToCode(first.Severity),
            first is null ? "Unknown" : CapVocabulary.ToCode(first.Certainty),
            texts,
            areas,
            first?.Expires,
            alert.References,
            author,
            draftedAt,
            ApprovedBy: null,
            Sent: status == AlertStatus.Pending ? null : alert.Sent,
            CancelledBy: null,
            CancelledAt: null,
            CancelId: null,
            incidentId);
    }

    /// <summary>In force now: issued, not cancelled, an Alert or Update (not the Cancel message itself), not expired.</summary>
    public static bool IsActive(AlertView alert, DateTimeOffset now) =>
        alert.Status == AlertStatus.Issued && alert.MsgType != "Cancel" && (alert.Expires is not { } expires || expires > now);
}
