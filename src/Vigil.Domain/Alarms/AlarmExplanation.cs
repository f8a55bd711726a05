namespace Vigil.Domain.Alarms;

/// <summary>What the rule expected and what it saw, in words an operator can act on.</summary>
public sealed record AlarmExplanation(string Expected, string Observed, double? ObservedValue = null, double? ExpectedLow = null, double? ExpectedHigh = null);
