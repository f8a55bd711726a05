using Vigil.Domain.Geo;
using Vigil.Domain.Reports;
using Vigil.Platform.Privacy;

namespace Vigil.Platform.Contracts;

/// <summary>
/// A resident's report as operators see it and as storage keeps it. Property names are persisted. Contact details
/// are not in it: they are sealed in their own column (<see cref="ContactCipher"/>) and opened one report at a time.
/// </summary>
public sealed record ReportView(
    string Ticket,
    string Category,
    ReportStatus Status,
    string Description,
    GeoView? Location,
    string? LocationText,
    bool HasContact,
    bool HasPhoto,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? StatusNote,
    string? UpdatedBy,
    long? IncidentId,
    string? DuplicateOf = null,
    int ReopenCount = 0,
    DateTimeOffset? PurgedAt = null);

/// <summary>
/// What anyone holding a ticket sees: the category, a location (fuzzed to a 50 m cell for sensitive categories) and
/// the status with the operators' public note. Never contact details, photos, free text or operator names. A
/// suspicious-activity tip shows only "received" or "under review": no note, no location, no time of change.
/// </summary>
public sealed record PublicReportView(string Ticket, string Category, ReportStatus Status, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? StatusNote, GeoView? Location)
{
    public static PublicReportView From(ReportView report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (ReportCategories.IsPoliceOnly(report.Category))
        {
            var status = report.Status == ReportStatus.Received ? ReportStatus.Received : ReportStatus.InReview;
            return new(report.Ticket, report.Category, status, report.CreatedAt, report.CreatedAt, null, null);
        }

        var location = report.Location;
        if (location is not null && ReportCategories.IsSensitive(report.Category))
        {
            var fuzzed = LocationFuzz.Fuzz(new GeoPoint(location.Lat, location.Lon), report.Ticket);
            location = new GeoView(fuzzed.Lat, fuzzed.Lon);
        }

        return new(report.Ticket, report.Category, report.Status, report.CreatedAt, report.UpdatedAt, report.StatusNote, location);
    }
}

/// <summary>The live-feed payload of "report.created" and "report.updated".</summary>
public sealed record ReportEnvelope(string Type, DateTimeOffset At, ReportView Report)
{
    /// <summary>
    /// The envelope as the live feed carries it. Every console receives the feed, so a police-only tip travels as its
    /// ticket, category and status alone; police consoles fetch the rest through the API, which checks the agency.
    /// </summary>
    public static ReportEnvelope ForFeed(string type, DateTimeOffset at, ReportView report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return ReportCategories.IsPoliceOnly(report.Category)
            ? new(type, at, new ReportView(report.Ticket, report.Category, report.Status, string.Empty, null, null, false, false,
                report.CreatedAt, report.UpdatedAt, null, null, null))
            : new(type, at, report);
    }
}
