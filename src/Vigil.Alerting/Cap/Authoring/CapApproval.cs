using Vigil.Alerting.Cap.Validation;

namespace Vigil.Alerting.Cap.Authoring;

/// <summary>
/// The two-person rule for public warnings: a dispatcher drafts, a supervisor other than the author issues. The issued
/// alert is stamped with the issue time (its <c>sent</c>) and checked again, so a stale draft cannot go out
/// with a sent time earlier than the message it updates.
/// </summary>
public sealed class CapApproval
{
    private readonly TimeProvider _time;

    public CapApproval(TimeProvider time)
    {
        _time = time;
    }

    public bool TryDraft(string author, CapAlertBuilder builder, out CapDraft? draft, out IReadOnlyList<CapFinding> findings)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(author);
        ArgumentNullException.ThrowIfNull(builder);
        draft = null;
        if (!builder.TryBuild(out var alert, out findings))
        {
            return false;
        }

        draft = new CapDraft { Author = author, Alert = alert!, DraftedAt = _time.GetUtcNow() };
        return true;
    }

    /// <summary>Issues a pending draft. <paramref name="isSupervisor"/> is the caller's verified role.</summary>
    public bool TryIssue(CapDraft draft, string supervisor, bool isSupervisor, out CapDraft? issued, out string? error)
    {
        ArgumentNullException.ThrowIfNull(draft);
        issued = null;
        error = CheckDecision(draft, supervisor, isSupervisor);
        if (error is not null)
        {
            return false;
        }

        var now = _time.GetUtcNow();
        var stamped = draft.Alert with { Sent = now };
        var report = CapValidator.Validate(stamped);
        if (!report.IsValid)
        {
            error = "The alert no longer passes validation: " + string.Join("; ", report.Findings);
            return false;
        }

        issued = draft with { Alert = report.Alert!, State = CapDraftState.Issued, DecidedBy = supervisor, DecidedAt = now };
        return true;
    }

    public bool TryReject(CapDraft draft, string supervisor, bool isSupervisor, string reason, out CapDraft? rejected, out string? error)
    {
        ArgumentNullException.ThrowIfNull(draft);
        rejected = null;
        error = CheckDecision(draft, supervisor, isSupervisor);
        if (error is not null)
        {
            return false;
        }

        rejected = draft with { State = CapDraftState.Rejected, DecidedBy = supervisor, DecidedAt = _time.GetUtcNow(), Reason = reason };
        return true;
    }

    private static string? CheckDecision(CapDraft draft, string supervisor, bool isSupervisor)
    {
        if (draft.State != CapDraftState.Pending)
        {
            return $"The draft is already {draft.State.ToString().ToLowerInvariant()}.";
        }

        if (!isSupervisor)
        {
            return "Only a supervisor may issue or reject a public warning.";
        }

        if (string.Equals(draft.Author, supervisor, StringComparison.OrdinalIgnoreCase))
        {
            return "The author of a draft cannot approve it; a second person must.";
        }

        return null;
    }
}
