namespace Vigil.Platform.Ports;

/// <summary>Who changed what, when, with the entity before and after (JSON, null when absent).</summary>
public sealed record AuditRecord(
    DateTimeOffset At,
    string Actor,
    string Action,
    string EntityType,
    string EntityId,
    string? Before,
    string? After);
