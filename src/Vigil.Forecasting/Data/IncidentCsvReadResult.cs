namespace Vigil.Forecasting.Data;

/// <summary>What a CSV import produced, with the rows it had to leave out and why.</summary>
public sealed record IncidentCsvReadResult(
    IncidentSet Incidents,
    int Rows,
    int SkippedWithoutLocation,
    int SkippedInvalid,
    IReadOnlyList<string> FirstProblems);
