namespace Vigil.Platform.Ports;

/// <summary>A report's contact details as stored: sealed, with the ticket it is bound to.</summary>
public sealed record SealedContact(string Ticket, string Value);
