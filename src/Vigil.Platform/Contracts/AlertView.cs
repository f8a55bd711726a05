namespace Vigil.Platform.Contracts;

/// <summary>
/// A public warning as operators and storage see it: the CAP message's essentials, who drafted and who approved it.
/// The CAP XML itself is kept beside this document. Areas keep CAP's own text forms ("lat,lon lat,lon ...", "lat,lon
/// radius"). Property names are persisted. An Update names the alert it replaces in <paramref name="UpdateOf"/>; once issued,
/// the replaced alert names it in <paramref name="SupersededBy"/>.
/// </summary>
public sealed record AlertView(
    string Id,
    string MsgType,
    AlertStatus Status,
    string Category,
    string Urgency,
    string Severity,
    string Certainty,
    IReadOnlyList<AlertTextView> Texts,
    IReadOnlyList<AlertAreaView> Areas,
    DateTimeOffset? Expires,
    string? References,
    string Author,
    DateTimeOffset DraftedAt,
    string? ApprovedBy,
    DateTimeOffset? Sent,
    string? CancelledBy,
    DateTimeOffset? CancelledAt,
    string? CancelId,
    long? IncidentId,
    string? UpdateOf = null,
    string? SupersededBy = null);

/// <summary>One language of an alert (one CAP info block).</summary>
public sealed record AlertTextView(string Language, string Event, string Headline, string Description, string? Instruction);

/// <summary>One CAP area: its description and its polygons and circles in CAP text form.</summary>
public sealed record AlertAreaView(string Description, IReadOnlyList<string> Polygons, IReadOnlyList<string> Circles);

/// <summary>The live-feed payload of "alert.drafted", "alert.published" and "alert.cancelled".</summary>
public sealed record AlertEnvelope(string Type, DateTimeOffset At, AlertView Alert);
