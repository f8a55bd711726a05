namespace Vigil.Alerting.Cap.Authoring;

/// <summary>The human-readable part of an alert in one language; each becomes one CAP info block.</summary>
/// <param name="Language">RFC 3066 tag, e.g. "en-US", "es-US".</param>
/// <param name="Event">The event name in this language (CAP <c>event</c>).</param>
public sealed record CapText(string Language, string Event, string Headline, string Description, string? Instruction = null);
