using Vigil.Platform.Contracts;

namespace Vigil.Platform.Ports;

/// <summary>
/// Everything one round of the operations desk changed. It is committed atomically: the entities, the feed events
/// announcing them and the audit records, or nothing.
/// </summary>
public sealed class ChangeSet
{
    public List<AlarmView> Alarms { get; } = [];

    public List<IncidentView> Incidents { get; } = [];

    public List<UnitView> Units { get; } = [];

    /// <summary>Feed events to append; the store assigns their sequence numbers.</summary>
    public List<(string Type, DateTimeOffset At, string Json)> Events { get; } = [];

    public List<AuditRecord> Audit { get; } = [];

    /// <summary>Forwarded commands applied in this round, recorded so that none is ever applied twice.</summary>
    public List<AppliedCommand> Commands { get; } = [];

    public bool IsEmpty => Alarms.Count == 0 && Incidents.Count == 0 && Units.Count == 0 && Events.Count == 0 && Audit.Count == 0 && Commands.Count == 0;

    public void Clear()
    {
        Alarms.Clear();
        Incidents.Clear();
        Units.Clear();
        Events.Clear();
        Audit.Clear();
        Commands.Clear();
    }
}
