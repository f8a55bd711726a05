namespace Vigil.Platform.Ports;

/// <summary>A stored audit record with its place in the hash chain.</summary>
public sealed record AuditEntry(long Seq, AuditRecord Record, string PreviousHash, string Hash);
