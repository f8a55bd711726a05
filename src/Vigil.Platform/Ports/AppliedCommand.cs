namespace Vigil.Platform.Ports;

/// <summary>
/// A forwarded desk command the desk applied, stored in the same transaction as its effects, with the reply (JSON of
/// <c>DeskReply</c>) that answers it again if it comes back (a retry by its caller, or a redelivery to a new holder).
/// </summary>
public sealed record AppliedCommand(string Id, DateTimeOffset At, string Reply);
