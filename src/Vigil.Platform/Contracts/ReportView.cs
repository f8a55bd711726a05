using Vigil.Domain.Reports;

namespace Vigil.Platform.Contracts;

/// <summary>A resident's report as operators see it and as storage keeps it. Property names are persisted.</summary>
public sealed record ReportView(
    string Ticket,
    string Category,
    ReportStatus Status,
    string Description,
    GeoView? Location,
    string? LocationText,
    string? Contact,
    bool HasPhoto,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? StatusNote,
    string? UpdatedBy,
    long? IncidentId);

/// <summary>What a resident sees when looking up a ticket: no contact details, no photo, no operator names.</summary>
public sealed record PublicReportView(string Ticket, string Category, ReportStatus Status, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? StatusNote)
{
    public static PublicReportView From(ReportView report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new(report.Ticket, report.Category, report.Status, report.CreatedAt, report.UpdatedAt, report.StatusNote);
    }
}

/// <summary>The live-feed payload of "report.created" and "report.updated".</summary>
public sealed record ReportEnvelope(string Type, DateTimeOffset At, ReportView Report);
