namespace Vigil.Domain.Reports;

/// <summary>Where a resident's report stands. Values are persisted: never renumber.</summary>
public enum ReportStatus
{
    Received = 1,
    InReview = 2,
    InProgress = 3,
    Resolved = 4,
    Dismissed = 5,
}
