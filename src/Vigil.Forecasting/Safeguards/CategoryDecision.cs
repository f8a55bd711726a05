namespace Vigil.Forecasting.Safeguards;

/// <summary>Which categories a forecast may use, which were excluded and why, and which discretionary ones a justification let in.</summary>
public sealed record CategoryDecision(
    IReadOnlyList<string> Allowed,
    IReadOnlyList<(string Category, string Reason)> Excluded,
    IReadOnlyList<string> IncludedByJustification,
    string? Justification);
