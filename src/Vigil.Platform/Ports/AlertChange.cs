using Vigil.Platform.Contracts;

namespace Vigil.Platform.Ports;

/// <summary>
/// One alert written (inserted or replaced) with its CAP XML, the feed event announcing it and its audit record, and the
/// deliveries of it to matched subscribers, all in one transaction.
/// </summary>
public sealed record AlertChange(AlertView Alert, string CapXml, string FeedType, AuditRecord Audit, IReadOnlyList<NewDelivery>? Deliveries = null);
