using Vigil.Platform.Contracts;

namespace Vigil.Platform.Ports;

/// <summary>What the operations desk needs at start-up: the open work and where the id counters stand.</summary>
public sealed record OperationsSnapshot(
    IReadOnlyList<AlarmView> OpenAlarms,
    IReadOnlyList<IncidentView> OpenIncidents,
    IReadOnlyList<UnitView> Units,
    long MaxAlarmId,
    long MaxIncidentId);
