using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;

namespace Vigil.Platform.Operations;

/// <summary>The desk as the in-process <see cref="IDeskCommandChannel"/>: a command object mapped onto its methods.</summary>
public sealed partial class OperationsDesk : IDeskCommandChannel
{
    public async Task<DeskReply> SendAsync(DeskCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var actor = command.Actor;
        switch (command.Kind)
        {
            case DeskCommandKind.AcknowledgeAlarm when command.AlarmId is { } alarmId:
                return DeskReply.Of(await AcknowledgeAlarmAsync(alarmId, actor, cancellationToken).ConfigureAwait(false));

            case DeskCommandKind.CreateIncident when command is { Type: { } type, Priority: { } priority, Location: { } location, Title: { } title }:
                return DeskReply.Of(await CreateIncidentAsync(new NewIncident(type, priority, location.ToPoint(), title, command.Text), actor, cancellationToken).ConfigureAwait(false));

            case DeskCommandKind.TransitionIncident when command is { IncidentId: { } incidentId, Status: { } status }:
                return DeskReply.Of(await TransitionIncidentAsync(incidentId, status, actor, command.Reason, cancellationToken).ConfigureAwait(false));

            case DeskCommandKind.AddNote when command is { IncidentId: { } incidentId, Text: { } text }:
                return DeskReply.Of(await AddNoteAsync(incidentId, actor, text, cancellationToken).ConfigureAwait(false));

            case DeskCommandKind.Dispatch when command is { IncidentId: { } incidentId, UnitId: { } unitId }:
                return DeskReply.Of(await DispatchAsync(incidentId, unitId, actor, cancellationToken).ConfigureAwait(false));

            case DeskCommandKind.UpdateUnit when command.UnitId is { } unitId && (command.UnitStatus is not null || command.Location is not null):
                return DeskReply.Of(await UpdateUnitAsync(unitId, command.UnitStatus, command.Location?.ToPoint(), actor, cancellationToken).ConfigureAwait(false));

            case DeskCommandKind.RaiseOutbreakAlarms when command.Outbreaks is { } outbreaks:
                return DeskReply.Of(await RaiseOutbreakAlarmsAsync(outbreaks, cancellationToken).ConfigureAwait(false));

            default:
                // Only a node of another version could send this: the APIs check every field before building a command.
                return DeskReply.Invalid($"The {command.Kind} command lacks a field it needs.");
        }
    }
}
