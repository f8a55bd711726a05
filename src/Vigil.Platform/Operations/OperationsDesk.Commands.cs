using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;

namespace Vigil.Platform.Operations;

/// <summary>
/// The desk as the in-process <see cref="IDeskCommandChannel"/>: a command object mapped onto its methods. A forwarded
/// command (see <see cref="DeskCommand.Attempt"/>) runs exactly once across desk holders: within its round the desk
/// first looks for its record, answers with the stored reply if a desk already applied it, and otherwise records it
/// with its effects, so both commit together (and a second desk committing the same id fails its round instead).
/// </summary>
public sealed partial class OperationsDesk : IDeskCommandChannel
{
    public async Task<DeskReply> SendAsync(DeskCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var apply = Plan(command);
        if (apply is null)
        {
            // Only a node of another version could send this: the APIs check every field before building a command.
            return DeskReply.Invalid($"The {command.Kind} command lacks a field it needs.");
        }

        Func<DeskContext, ValueTask<DeskResult<DeskReply>>> work = command.IsForwarded
            ? async ctx =>
            {
                if (await ctx.FindAppliedAsync(command.Id).ConfigureAwait(false) is { } earlier)
                {
                    return DeskResult<DeskReply>.Ok(earlier);
                }

                var reply = await apply(ctx).ConfigureAwait(false);

                // A refused command changed nothing, so running it again is harmless: only applied ones are recorded.
                if (reply.Succeeded)
                {
                    ctx.RecordApplied(command.Id, reply);
                }

                return DeskResult<DeskReply>.Ok(reply);
            }
            : async ctx => DeskResult<DeskReply>.Ok(await apply(ctx).ConfigureAwait(false));

        var result = await Enqueue(work, cancellationToken).ConfigureAwait(false);
        return result.Value ?? DeskReply.Unavailable(result.Message ?? NotHeldMessage);
    }

    private static Func<DeskContext, ValueTask<DeskReply>>? Plan(DeskCommand command)
    {
        var actor = command.Actor;
        return command.Kind switch
        {
            DeskCommandKind.AcknowledgeAlarm when command.AlarmId is { } alarmId =>
                Answer(AcknowledgeAlarmWork(alarmId, actor), DeskReply.Of),
            DeskCommandKind.CreateIncident when command is { Type: { } type, Priority: { } priority, Location: { } location, Title: { } title } =>
                Answer(CreateIncidentWork(new NewIncident(type, priority, location.ToPoint(), title, command.Text), actor), DeskReply.Of),
            DeskCommandKind.TransitionIncident when command is { IncidentId: { } incidentId, Status: { } status } =>
                Answer(TransitionIncidentWork(incidentId, status, actor, command.Reason), DeskReply.Of),
            DeskCommandKind.AddNote when command is { IncidentId: { } incidentId, Text: { } text } =>
                Answer(AddNoteWork(incidentId, actor, text), DeskReply.Of),
            DeskCommandKind.Dispatch when command is { IncidentId: { } incidentId, UnitId: { } unitId } =>
                Answer(DispatchWork(incidentId, unitId, actor), DeskReply.Of),
            DeskCommandKind.UpdateUnit when command.UnitId is { } unitId && (command.UnitStatus is not null || command.Location is not null) =>
                Answer(UpdateUnitWork(unitId, command.UnitStatus, command.Location?.ToPoint(), actor), DeskReply.Of),
            DeskCommandKind.RaiseOutbreakAlarms when command.Outbreaks is { } outbreaks =>
                Answer(RaiseOutbreakAlarmsWork(outbreaks, command.Quiet ?? []), DeskReply.Of),
            DeskCommandKind.RegisterUnits when command.Units is { Count: > 0 } units =>
                Answer(RegisterUnitViewsWork(units, actor), DeskReply.Of),
            _ => null,
        };
    }

    private static Func<DeskContext, ValueTask<DeskReply>> Answer<T>(Func<DeskContext, ValueTask<DeskResult<T>>> apply, Func<DeskResult<T>, DeskReply> reply) =>
        async ctx => reply(await apply(ctx).ConfigureAwait(false));
}
