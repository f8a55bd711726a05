namespace Vigil.Domain.Incidents;

/// <summary>One line of an incident's history: who did what, when.</summary>
public sealed record TimelineEntry(DateTimeOffset At, string Actor, string Kind, string Text);
