using Vigil.Platform.Contracts;

namespace Vigil.Platform.Reports;

/// <summary>The outcome of a triage change: done (with the report), refused (with why), or the named ticket is unknown.</summary>
public sealed record ReportChange(ReportView? Report, string? Refusal, string? MissingTicket)
{
    public static ReportChange Done(ReportView report) => new(report, null, null);

    public static ReportChange Refused(string why) => new(null, why, null);

    public static ReportChange Missing(string ticket) => new(null, null, ticket);
}
