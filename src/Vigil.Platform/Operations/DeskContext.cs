using System.Text.Json;
using Vigil.Domain.Alarms;
using Vigil.Domain.Incidents;
using Vigil.Domain.Units;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;

namespace Vigil.Platform.Operations;

/// <summary>
/// The desk's working set (open alarms, open incidents, units) and the change set of the round in progress. Only the
/// desk's single loop touches it, so it needs no locks.
/// </summary>
internal sealed class DeskContext(IOperationsStore store, TimeProvider timeProvider)
{
    public Dictionary<long, Alarm> OpenAlarms { get; } = [];

    public Dictionary<(string DeviceId, string RuleId), Alarm> OpenAlarmsByRule { get; } = [];

    /// <summary>Open alarms that are unique per source key (an outbreak's series and period).</summary>
    public Dictionary<string, Alarm> OpenAlarmsBySource { get; } = new(StringComparer.Ordinal);

    public Dictionary<long, Incident> OpenIncidents { get; } = [];

    public Dictionary<string, ResponseUnit> Units { get; } = new(StringComparer.Ordinal);

    public ChangeSet Changes { get; } = new();

    /// <summary>Alarms raised this round with the receipt time of the observation that raised them, for latency.</summary>
    public List<long> RaisedReceiptTimestamps { get; } = [];

    public long LastAlarmId { get; set; }

    public long LastIncidentId { get; set; }

    public DateTimeOffset Now => timeProvider.GetUtcNow();

    public void Load(OperationsSnapshot snapshot)
    {
        OpenAlarms.Clear();
        OpenAlarmsByRule.Clear();
        OpenAlarmsBySource.Clear();
        OpenIncidents.Clear();
        Units.Clear();
        foreach (var view in snapshot.OpenAlarms)
        {
            var alarm = view.ToAlarm();
            OpenAlarms[alarm.Id] = alarm;
            if (alarm.DeviceId is { } deviceId)
            {
                OpenAlarmsByRule[(deviceId, alarm.RuleId)] = alarm;
            }

            if (alarm.SourceKey is { } key)
            {
                OpenAlarmsBySource[key] = alarm;
            }
        }

        foreach (var view in snapshot.OpenIncidents)
        {
            OpenIncidents[view.Id] = view.ToIncident();
        }

        foreach (var view in snapshot.Units)
        {
            Units[view.Id] = view.ToUnit();
        }

        LastAlarmId = snapshot.MaxAlarmId;
        LastIncidentId = snapshot.MaxIncidentId;
    }

    /// <summary>An incident by id: from the working set, or from storage when it is no longer open.</summary>
    public async ValueTask<Incident?> FindIncidentAsync(long id)
    {
        if (OpenIncidents.TryGetValue(id, out var open))
        {
            return open;
        }

        var stored = await store.GetIncidentAsync(id, CancellationToken.None).ConfigureAwait(false);
        return stored?.ToIncident();
    }

    /// <summary>
    /// Whether an alarm was ever raised for the source key: open ones from the working set, cleared ones from storage.
    /// </summary>
    public async ValueTask<bool> SourceAlarmedAsync(string sourceKey)
    {
        if (OpenAlarmsBySource.ContainsKey(sourceKey))
        {
            return true;
        }

        return await store.AlarmExistsForSourceAsync(sourceKey, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>The reply a forwarded command got when a desk applied it (this one or an earlier holder); null if never applied.</summary>
    public async ValueTask<DeskReply?> FindAppliedAsync(string commandId)
    {
        var stored = await store.FindAppliedCommandAsync(commandId, CancellationToken.None).ConfigureAwait(false);
        return stored is null ? null : JsonSerializer.Deserialize(stored, VigilJson.Default.DeskReply);
    }

    /// <summary>Records a forwarded command with this round's changes, so that it commits with its effects or not at all.</summary>
    public void RecordApplied(string commandId, DeskReply reply) =>
        Changes.Commands.Add(new AppliedCommand(commandId, Now, JsonSerializer.Serialize(reply, VigilJson.Default.DeskReply)));

    public void Track(Incident incident)
    {
        if (incident.IsOpen)
        {
            OpenIncidents[incident.Id] = incident;
        }
        else
        {
            OpenIncidents.Remove(incident.Id);
        }
    }

    public void Forget(Alarm alarm)
    {
        OpenAlarms.Remove(alarm.Id);
        if (alarm.DeviceId is { } deviceId)
        {
            OpenAlarmsByRule.Remove((deviceId, alarm.RuleId));
        }

        if (alarm.SourceKey is { } key)
        {
            OpenAlarmsBySource.Remove(key);
        }
    }

    public AlarmView Save(Alarm alarm, string eventType, string actor, string action, AlarmView? before)
    {
        var view = alarm.ToView();
        Changes.Alarms.Add(view);
        Emit(new FeedEnvelope(eventType, Now, Alarm: view));
        Audit(actor, action, "alarm", view.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            before is null ? null : JsonSerializer.Serialize(before, VigilJson.Default.AlarmView),
            JsonSerializer.Serialize(view, VigilJson.Default.AlarmView));
        return view;
    }

    public IncidentView Save(Incident incident, string eventType, string actor, string action, IncidentView? before)
    {
        var view = incident.ToView();
        Changes.Incidents.Add(view);
        Emit(new FeedEnvelope(eventType, Now, Incident: view));
        Audit(actor, action, "incident", view.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            before is null ? null : JsonSerializer.Serialize(before, VigilJson.Default.IncidentView),
            JsonSerializer.Serialize(view, VigilJson.Default.IncidentView));
        return view;
    }

    public UnitView Save(ResponseUnit unit, string actor, string action, UnitView? before)
    {
        var view = unit.ToView();
        Changes.Units.Add(view);
        Emit(new FeedEnvelope("unit.updated", Now, Unit: view));
        Audit(actor, action, "unit", view.Id,
            before is null ? null : JsonSerializer.Serialize(before, VigilJson.Default.UnitView),
            JsonSerializer.Serialize(view, VigilJson.Default.UnitView));
        return view;
    }

    private void Emit(FeedEnvelope envelope) =>
        Changes.Events.Add((envelope.Type, envelope.At, JsonSerializer.Serialize(envelope, VigilJson.Default.FeedEnvelope)));

    private void Audit(string actor, string action, string entityType, string entityId, string? before, string? after) =>
        Changes.Audit.Add(new AuditRecord(Now, actor, action, entityType, entityId, before, after));
}
