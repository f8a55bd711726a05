using System.Text.Json.Serialization;
using Vigil.Domain.Incidents;
using Vigil.Domain.Units;
using Vigil.Platform.Contracts;

namespace Vigil.Platform.Operations;

/// <summary>
/// One operator command for the operations desk, self-contained so that a node that does not hold the desk can
/// forward it to the one that does (as JSON through <see cref="VigilJson"/>). <see cref="Id"/> is unique per command,
/// so the holder can recognise one it has already run; <see cref="Actor"/> is the signed-in user on the node that
/// took the request, and is what the audit trail records. <see cref="Attempt"/> is null for a command given to the
/// desk on its own node; a forwarded command carries its caller's attempt (1, then 2 for the one retry after a holder
/// was lost), and the desk records such a command with its effects and answers it from that record if it comes again.
/// </summary>
public sealed record DeskCommand(
    string Id,
    DeskCommandKind Kind,
    string Actor,
    long? AlarmId = null,
    long? IncidentId = null,
    string? UnitId = null,
    IncidentStatus? Status = null,
    UnitStatus? UnitStatus = null,
    GeoView? Location = null,
    string? Reason = null,
    string? Text = null,
    string? Type = null,
    int? Priority = null,
    string? Title = null,
    IReadOnlyList<OutbreakSignal>? Outbreaks = null,
    int? Attempt = null,
    IReadOnlyList<UnitView>? Units = null,
    IReadOnlyList<OutbreakQuiet>? Quiet = null)
{
    /// <summary>Whether the desk records this command (it came over the bus, so it may come again).</summary>
    [JsonIgnore]
    public bool IsForwarded => Attempt is not null;

    public static DeskCommand Acknowledge(long alarmId, string actor) =>
        new(NewId(), DeskCommandKind.AcknowledgeAlarm, actor, AlarmId: alarmId);

    public static DeskCommand Create(NewIncident incident, string actor)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return new(NewId(), DeskCommandKind.CreateIncident, actor, Location: incident.Location.ToView(), Text: incident.Note,
            Type: incident.Type, Priority: incident.Priority, Title: incident.Title);
    }

    public static DeskCommand Transition(long incidentId, IncidentStatus status, string? reason, string actor) =>
        new(NewId(), DeskCommandKind.TransitionIncident, actor, IncidentId: incidentId, Status: status, Reason: reason);

    public static DeskCommand Note(long incidentId, string text, string actor) =>
        new(NewId(), DeskCommandKind.AddNote, actor, IncidentId: incidentId, Text: text);

    public static DeskCommand Dispatch(long incidentId, string unitId, string actor) =>
        new(NewId(), DeskCommandKind.Dispatch, actor, IncidentId: incidentId, UnitId: unitId);

    public static DeskCommand UpdateUnit(string unitId, UnitStatus? status, GeoView? location, string actor) =>
        new(NewId(), DeskCommandKind.UpdateUnit, actor, UnitId: unitId, UnitStatus: status, Location: location);

    /// <summary>Raises alarms for new excesses and clears the open alarms of series whose excess is over.</summary>
    public static DeskCommand RaiseOutbreakAlarms(IReadOnlyList<OutbreakSignal> signals, string actor, IReadOnlyList<OutbreakQuiet>? quiet = null) =>
        new(NewId(), DeskCommandKind.RaiseOutbreakAlarms, actor, Outbreaks: signals, Quiet: quiet is { Count: > 0 } ? quiet : null);

    /// <summary>Adds units, or replaces those with the same id (fleet set-up).</summary>
    public static DeskCommand RegisterUnits(IReadOnlyList<UnitView> units, string actor) =>
        new(NewId(), DeskCommandKind.RegisterUnits, actor, Units: units);

    private static string NewId() => Guid.NewGuid().ToString("N");
}
