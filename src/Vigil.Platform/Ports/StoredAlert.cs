using Vigil.Platform.Contracts;

namespace Vigil.Platform.Ports;

/// <summary>An alert with the CAP 1.2 document that is published for it.</summary>
public sealed record StoredAlert(AlertView Alert, string CapXml);
