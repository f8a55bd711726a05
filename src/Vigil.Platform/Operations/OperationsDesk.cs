using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vigil.Detection.Correlation;
using Vigil.Detection.Rules;
using Vigil.Domain.Alarms;
using Vigil.Domain.Geo;
using Vigil.Domain.Incidents;
using Vigil.Domain.Units;
using Vigil.Platform.Configuration;
using Vigil.Platform.Contracts;
using Vigil.Platform.Diagnostics;
using Vigil.Platform.Ingest;
using Vigil.Platform.Ports;

namespace Vigil.Platform.Operations;

/// <summary>
/// The one owner of alarms, incidents and units. Rule signals from the pipeline and commands from people queue here
/// and run one at a time, so two operators (or an operator and a sensor) never race on the same incident. Each round
/// drains what is queued, commits all of it in one transaction, then answers and announces it on the live feed.
/// </summary>
public sealed partial class OperationsDesk : BackgroundService, IAlarmSignalSink
{
    private const string NotHeldMessage = "This Vigil node does not hold the operations desk (it may be changing hands); the command was not applied. Retry shortly.";
    private const int MaxWorkPerRound = 512;
    private readonly Channel<DeskWork> _inbox = Channel.CreateBounded<DeskWork>(
        new BoundedChannelOptions(50_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly IOperationsStore _store;
    private readonly ILiveFeed _feed;
    private readonly RuleBook _rules;
    private readonly DeviceRegistry _devices;
    private readonly OperationsOptions _options;
    private readonly TimeProvider _time;
    private readonly VigilMetrics _metrics;
    private readonly ILogger<OperationsDesk> _logger;
    private readonly IncidentCorrelator _correlator;
    private readonly DeskContext _context;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly DeskLease _lease;

    // The lease generation whose working set is loaded; a newer one means another node may have committed meanwhile.
    private long _loadedGeneration;

    public OperationsDesk(
        IOperationsStore store,
        ILiveFeed feed,
        RuleBook rules,
        DeviceRegistry devices,
        IOptions<OperationsOptions> options,
        TimeProvider timeProvider,
        VigilMetrics metrics,
        ILogger<OperationsDesk> logger,
        DeskLease? lease = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _lease = lease ?? new DeskLease(held: true);
        _store = store;
        _feed = feed;
        _rules = rules;
        _devices = devices;
        _options = options.Value;
        _time = timeProvider;
        _metrics = metrics;
        _logger = logger;
        _context = new DeskContext(store, timeProvider);
        var groups = new List<IReadOnlyList<string>>();
        foreach (var group in _options.RelatedIncidentTypes)
        {
            groups.Add(group.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        _correlator = new IncidentCorrelator(new CorrelationOptions
        {
            RadiusMetres = _options.CorrelationRadiusMetres,
            Window = _options.CorrelationWindow,
            RelatedTypes = groups,
        });
    }

    /// <summary>Completes once the working set is loaded and commands are being served.</summary>
    public Task Ready => _ready.Task;

    public ValueTask SubmitSignalsAsync(DeviceEntry device, RuleSignal[] signals, long receivedTimestamp, CancellationToken cancellationToken)
    {
        var work = new DeskWork<int>(ctx => ApplySignals(ctx, device, signals, receivedTimestamp));
        return _inbox.Writer.WriteAsync(work, cancellationToken);
    }

    /// <summary>
    /// Like <see cref="SubmitSignalsAsync"/>, but completes only once the resulting alarms are committed (or refused
    /// because this node does not hold the desk), so that a bus message carrying the signals is acknowledged only then.
    /// </summary>
    public Task<DeskResult<int>> ApplySignalsAsync(DeviceEntry device, RuleSignal[] signals, long receivedTimestamp, CancellationToken cancellationToken) =>
        Enqueue(ctx => ApplySignals(ctx, device, signals, receivedTimestamp), cancellationToken);

    public Task<DeskResult<AlarmView>> AcknowledgeAlarmAsync(long alarmId, string user, CancellationToken cancellationToken) =>
        Enqueue(AcknowledgeAlarmWork(alarmId, user), cancellationToken);

    private static Func<DeskContext, ValueTask<DeskResult<AlarmView>>> AcknowledgeAlarmWork(long alarmId, string user) =>
        ctx =>
        {
            if (!ctx.OpenAlarms.TryGetValue(alarmId, out var alarm))
            {
                return ValueTask.FromResult(DeskResult<AlarmView>.NotFound($"No open alarm {alarmId}."));
            }

            var before = alarm.ToView();
            if (alarm.Acknowledge(user, ctx.Now) is { } error)
            {
                return ValueTask.FromResult(DeskResult<AlarmView>.Invalid(error.Message));
            }

            return ValueTask.FromResult(DeskResult<AlarmView>.Ok(ctx.Save(alarm, "alarm.acknowledged", user, "alarm.acknowledge", before)));
        };

    public Task<DeskResult<IncidentView>> CreateIncidentAsync(NewIncident request, string user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Enqueue(CreateIncidentWork(request, user), cancellationToken);
    }

    private static Func<DeskContext, ValueTask<DeskResult<IncidentView>>> CreateIncidentWork(NewIncident request, string user) =>
        ctx =>
        {
            var now = ctx.Now;
            var incident = new Incident
            {
                Id = ++ctx.LastIncidentId,
                Type = request.Type,
                Priority = request.Priority,
                Location = request.Location,
                Title = request.Title,
                Source = "manual",
                CreatedAt = now,
                UpdatedAt = now,
            };
            incident.Append(new TimelineEntry(now, user, "created", $"Opened by {user}"));
            if (!string.IsNullOrWhiteSpace(request.Note))
            {
                incident.AddNote(user, request.Note, now);
            }

            ctx.Track(incident);
            return ValueTask.FromResult(DeskResult<IncidentView>.Ok(ctx.Save(incident, "incident.created", user, "incident.create", null)));
        };

    public Task<DeskResult<IncidentView>> TransitionIncidentAsync(long incidentId, IncidentStatus target, string user, string? reason, CancellationToken cancellationToken) =>
        Enqueue(TransitionIncidentWork(incidentId, target, user, reason), cancellationToken);

    private static Func<DeskContext, ValueTask<DeskResult<IncidentView>>> TransitionIncidentWork(long incidentId, IncidentStatus target, string user, string? reason) =>
        async ctx =>
        {
            var incident = await ctx.FindIncidentAsync(incidentId).ConfigureAwait(false);
            if (incident is null)
            {
                return DeskResult<IncidentView>.NotFound($"No incident {incidentId}.");
            }

            var before = incident.ToView();
            if (incident.MoveTo(target, user, ctx.Now, reason) is { } error)
            {
                return DeskResult<IncidentView>.Invalid(error.Message);
            }

            if (!incident.IsOpen)
            {
                ReleaseUnits(ctx, incident, user);
            }

            ctx.Track(incident);
            return DeskResult<IncidentView>.Ok(ctx.Save(incident, "incident.updated", user, "incident.transition", before));
        };

    public Task<DeskResult<IncidentView>> AddNoteAsync(long incidentId, string user, string text, CancellationToken cancellationToken) =>
        Enqueue(AddNoteWork(incidentId, user, text), cancellationToken);

    private static Func<DeskContext, ValueTask<DeskResult<IncidentView>>> AddNoteWork(long incidentId, string user, string text) =>
        async ctx =>
        {
            var incident = await ctx.FindIncidentAsync(incidentId).ConfigureAwait(false);
            if (incident is null)
            {
                return DeskResult<IncidentView>.NotFound($"No incident {incidentId}.");
            }

            var before = incident.ToView();
            if (incident.AddNote(user, text, ctx.Now) is { } error)
            {
                return DeskResult<IncidentView>.Invalid(error.Message);
            }

            ctx.Track(incident);
            return DeskResult<IncidentView>.Ok(ctx.Save(incident, "incident.updated", user, "incident.note", before));
        };

    public Task<DeskResult<IncidentView>> DispatchAsync(long incidentId, string unitId, string user, CancellationToken cancellationToken) =>
        Enqueue(DispatchWork(incidentId, unitId, user), cancellationToken);

    private static Func<DeskContext, ValueTask<DeskResult<IncidentView>>> DispatchWork(long incidentId, string unitId, string user) =>
        async ctx =>
        {
            var incident = await ctx.FindIncidentAsync(incidentId).ConfigureAwait(false);
            if (incident is null || !incident.IsOpen)
            {
                return DeskResult<IncidentView>.NotFound($"No open incident {incidentId}.");
            }

            if (!ctx.Units.TryGetValue(unitId, out var unit))
            {
                return DeskResult<IncidentView>.NotFound($"No unit {unitId}.");
            }

            var incidentBefore = incident.ToView();
            var unitBefore = unit.ToView();
            var now = ctx.Now;
            if (unit.DispatchTo(incident.Id, now) is { } unitError)
            {
                return DeskResult<IncidentView>.Invalid(unitError.Message);
            }

            incident.AssignUnit(unit.Id, user, now);
            if (incident.Status < IncidentStatus.Dispatched)
            {
                incident.MoveTo(IncidentStatus.Dispatched, user, now, $"{unit.CallSign} sent");
            }

            ctx.Track(incident);
            ctx.Save(unit, user, "unit.dispatch", unitBefore);
            return DeskResult<IncidentView>.Ok(ctx.Save(incident, "incident.updated", user, "incident.dispatch", incidentBefore));
        };

    public Task<DeskResult<UnitView>> UpdateUnitAsync(string unitId, UnitStatus? status, GeoPoint? location, string user, CancellationToken cancellationToken) =>
        Enqueue(UpdateUnitWork(unitId, status, location, user), cancellationToken);

    private static Func<DeskContext, ValueTask<DeskResult<UnitView>>> UpdateUnitWork(string unitId, UnitStatus? status, GeoPoint? location, string user) =>
        ctx =>
        {
            if (!ctx.Units.TryGetValue(unitId, out var unit))
            {
                return ValueTask.FromResult(DeskResult<UnitView>.NotFound($"No unit {unitId}."));
            }

            var before = unit.ToView();
            if (status is { } s && unit.SetStatus(s, ctx.Now) is { } error)
            {
                return ValueTask.FromResult(DeskResult<UnitView>.Invalid(error.Message));
            }

            if (location is { } p)
            {
                unit.Location = p;
                unit.UpdatedAt = ctx.Now;
            }

            return ValueTask.FromResult(DeskResult<UnitView>.Ok(ctx.Save(unit, user, "unit.update", before)));
        };

    /// <summary>Adds units, or replaces those with the same id (fleet set-up and the demo city).</summary>
    public Task<DeskResult<int>> RegisterUnitsAsync(IReadOnlyList<ResponseUnit> units, string user, CancellationToken cancellationToken) =>
        Enqueue(RegisterUnitsWork(units, user), cancellationToken);

    private static Func<DeskContext, ValueTask<DeskResult<int>>> RegisterUnitsWork(IReadOnlyList<ResponseUnit> units, string user) =>
        ctx =>
        {
            foreach (var unit in units)
            {
                var before = ctx.Units.TryGetValue(unit.Id, out var existing) ? existing.ToView() : null;
                unit.UpdatedAt = ctx.Now;
                ctx.Units[unit.Id] = unit;
                ctx.Save(unit, user, "unit.register", before);
            }

            return ValueTask.FromResult(DeskResult<int>.Ok(units.Count));
        };

    /// <summary>
    /// Registration as a command (the API and the demo, from any node): like <see cref="RegisterUnitsAsync"/>, but a
    /// unit committed to an incident is not replaced, since that would cut it from its incident; the whole command is
    /// then refused and nothing changes.
    /// </summary>
    private static Func<DeskContext, ValueTask<DeskResult<IReadOnlyList<UnitView>>>> RegisterUnitViewsWork(IReadOnlyList<UnitView> units, string user) =>
        ctx =>
        {
            foreach (var unit in units)
            {
                if (ctx.Units.TryGetValue(unit.Id, out var existing) && existing.IncidentId is { } incidentId)
                {
                    return ValueTask.FromResult(DeskResult<IReadOnlyList<UnitView>>.Invalid(
                        $"Unit {existing.CallSign} is committed to incident {incidentId}; release it before registering it again."));
                }
            }

            var registered = new List<UnitView>(units.Count);
            foreach (var view in units)
            {
                var unit = view.ToUnit();
                var before = ctx.Units.TryGetValue(unit.Id, out var existing) ? existing.ToView() : null;
                unit.UpdatedAt = ctx.Now;
                ctx.Units[unit.Id] = unit;
                registered.Add(ctx.Save(unit, user, "unit.register", before));
            }

            return ValueTask.FromResult(DeskResult<IReadOnlyList<UnitView>>.Ok(registered));
        };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _loadedGeneration = _lease.Generation;
        _context.Load(await _store.LoadOpenAsync(stoppingToken).ConfigureAwait(false));
        _ready.TrySetResult();
        using var escalation = new PeriodicTimer(_options.EscalationCheckInterval, _time);
        _ = RunEscalationTimerAsync(escalation, stoppingToken);
        var reader = _inbox.Reader;
        var round = new List<DeskWork>(MaxWorkPerRound);
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                round.Clear();
                while (round.Count < MaxWorkPerRound && reader.TryRead(out var work))
                {
                    round.Add(work);
                }

                await RunRoundAsync(round, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: queued commands are abandoned unanswered, and none of them was committed.
        }
    }

    private async Task RunRoundAsync(List<DeskWork> round, CancellationToken cancellationToken)
    {
        _context.Changes.Clear();
        _context.RaisedReceiptTimestamps.Clear();
        if (!_lease.IsHeld)
        {
            foreach (var work in round)
            {
                work.Refuse(NotHeldMessage);
            }

            return;
        }

        try
        {
            if (_loadedGeneration != _lease.Generation)
            {
                // Newly granted the desk: another node may have committed since this working set was loaded.
                _loadedGeneration = _lease.Generation;
                _context.Load(await _store.LoadOpenAsync(cancellationToken).ConfigureAwait(false));
            }

            foreach (var work in round)
            {
                await work.ApplyAsync(_context).ConfigureAwait(false);
            }

            IReadOnlyList<FeedRecord> records = [];
            if (!_context.Changes.IsEmpty)
            {
                records = await _store.CommitAsync(_context.Changes, cancellationToken).ConfigureAwait(false);
            }

            var now = Stopwatch.GetTimestamp();
            foreach (var received in _context.RaisedReceiptTimestamps)
            {
                _metrics.AlarmRaised(Stopwatch.GetElapsedTime(received, now).TotalMilliseconds);
            }

            if (records.Count > 0)
            {
                _feed.Publish(records);
            }

            foreach (var work in round)
            {
                work.Complete();
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Nothing of this round was committed, so the in-memory working set may now be ahead of storage: reload it.
            Log.RoundFailed(_logger, ex, round.Count);
            foreach (var work in round)
            {
                work.Fail(ex);
            }

            _context.Load(await _store.LoadOpenAsync(cancellationToken).ConfigureAwait(false));
        }
    }

    private async Task RunEscalationTimerAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!_lease.IsHeld)
                {
                    continue;
                }

                await _inbox.Writer.WriteAsync(new DeskWork<int>(Escalate), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private ValueTask<DeskResult<int>> Escalate(DeskContext ctx)
    {
        var now = ctx.Now;
        var escalated = 0;
        foreach (var alarm in ctx.OpenAlarms.Values)
        {
            if (alarm.State != AlarmState.Active || alarm.Category == AlarmCategory.DeviceFault)
            {
                continue;
            }

            var since = alarm.LastEscalatedAt ?? alarm.RaisedAt;
            if (now - since < _options.EscalateAfter)
            {
                continue;
            }

            var before = alarm.ToView();
            alarm.Escalate(now);
            ctx.Save(alarm, "alarm.escalated", "system", "alarm.escalate", before);
            escalated++;
            if (alarm.IncidentId is { } incidentId && ctx.OpenIncidents.TryGetValue(incidentId, out var incident))
            {
                var priority = IncidentCorrelator.PriorityFor(alarm.Severity);
                if (priority < incident.Priority)
                {
                    var incidentBefore = incident.ToView();
                    incident.Priority = priority;
                    incident.Append(new TimelineEntry(now, "system", "escalation", $"Alarm {alarm.Id} unacknowledged; priority raised to {priority}"));
                    ctx.Save(incident, "incident.updated", "system", "incident.escalate", incidentBefore);
                }
            }
        }

        return ValueTask.FromResult(DeskResult<int>.Ok(escalated));
    }

    private ValueTask<DeskResult<int>> ApplySignals(DeskContext ctx, DeviceEntry device, RuleSignal[] signals, long receivedTimestamp)
    {
        foreach (var signal in signals)
        {
            var rule = _rules[signal.RuleIndex];
            if (signal.Kind == RuleSignalKind.Raise)
            {
                Raise(ctx, device, rule, signal, receivedTimestamp);
            }
            else if (ctx.OpenAlarmsByRule.TryGetValue((device.Device.Id, rule.Id), out var alarm))
            {
                var before = alarm.ToView();
                alarm.Clear(ctx.Now);
                alarm.Explanation = alarm.Explanation with { Observed = alarm.Explanation.Observed + $"; back to {FormatValue(signal.Value)} at clearance" };
                ctx.Forget(alarm);
                ctx.Save(alarm, "alarm.cleared", "system", "alarm.clear", before);
            }
        }

        return ValueTask.FromResult(DeskResult<int>.Ok(signals.Length));
    }

    private void Raise(DeskContext ctx, DeviceEntry device, RuleDefinition rule, RuleSignal signal, long receivedTimestamp)
    {
        if (ctx.OpenAlarmsByRule.ContainsKey((device.Device.Id, rule.Id)))
        {
            // Already raised (the pipeline restarted with fresh rule state); one open alarm per device and rule.
            return;
        }

        var quantity = signal.QuantityIndex >= 0 && signal.QuantityIndex < device.Device.Quantities.Count
            ? device.Device.Quantities[signal.QuantityIndex]
            : null;
        var alarm = new Alarm
        {
            Id = ++ctx.LastAlarmId,
            RuleId = rule.Id,
            DeviceId = device.Device.Id,
            Quantity = quantity?.Name ?? (rule.Type == RuleType.MessageRate ? "messages" : "heartbeat"),
            Category = rule.Category,
            Severity = rule.Severity,
            Location = device.Device.Location,
            Explanation = AlarmExplainer.Explain(rule, quantity, signal.Value, signal.ExpectedLow, signal.ExpectedHigh),
            IncidentType = rule.Category == AlarmCategory.Emergency ? rule.IncidentType : null,
            RaisedAt = ctx.Now,
        };
        ctx.OpenAlarms[alarm.Id] = alarm;
        ctx.OpenAlarmsByRule[(device.Device.Id, alarm.RuleId)] = alarm;
        if (receivedTimestamp != 0)
        {
            ctx.RaisedReceiptTimestamps.Add(receivedTimestamp);
        }

        if (alarm.IncidentType is not null)
        {
            Correlate(ctx, alarm, device);
        }

        ctx.Save(alarm, "alarm.raised", "system", "alarm.raise", null);
    }

    private void Correlate(DeskContext ctx, Alarm alarm, DeviceEntry device)
    {
        var candidates = new List<CorrelationCandidate>(ctx.OpenIncidents.Count);
        foreach (var open in ctx.OpenIncidents.Values)
        {
            candidates.Add(new CorrelationCandidate(open.Id, open.Type, open.Location, open.UpdatedAt));
        }

        var now = ctx.Now;
        var priority = IncidentCorrelator.PriorityFor(alarm.Severity);
        var description = $"Alarm {alarm.Id} on {device.Device.Name}: {alarm.Explanation.Observed}";
        if (_correlator.FindIncident(alarm, candidates) is { } incidentId && ctx.OpenIncidents.TryGetValue(incidentId, out var incident))
        {
            var before = incident.ToView();
            alarm.IncidentId = incident.Id;
            incident.LinkAlarm(alarm.Id, description, now);
            if (priority < incident.Priority)
            {
                incident.Priority = priority;
            }

            ctx.Save(incident, "incident.updated", "system", "incident.correlate", before);
            return;
        }

        var created = new Incident
        {
            Id = ++ctx.LastIncidentId,
            Type = alarm.IncidentType!,
            Priority = priority,
            Location = alarm.Location,
            Title = $"{Capitalise(alarm.IncidentType!)} at {device.Device.Name}",
            Source = "sensor",
            CreatedAt = now,
            UpdatedAt = now,
        };
        created.Append(new TimelineEntry(now, "system", "created", $"Opened by rule {alarm.RuleId}"));
        created.LinkAlarm(alarm.Id, description, now);
        alarm.IncidentId = created.Id;
        ctx.Track(created);
        ctx.Save(created, "incident.created", "system", "incident.create", null);
    }

    private static void ReleaseUnits(DeskContext ctx, Incident incident, string user)
    {
        foreach (var unitId in incident.UnitIds)
        {
            if (ctx.Units.TryGetValue(unitId, out var unit) && unit.IncidentId == incident.Id)
            {
                var before = unit.ToView();
                unit.SetStatus(UnitStatus.Returning, ctx.Now);
                unit.IncidentId = null;
                ctx.Save(unit, user, "unit.release", before);
            }
        }
    }

    private async Task<DeskResult<T>> Enqueue<T>(Func<DeskContext, ValueTask<DeskResult<T>>> apply, CancellationToken cancellationToken)
    {
        if (!_lease.IsHeld)
        {
            return DeskResult<T>.Unavailable(NotHeldMessage);
        }

        var work = new DeskWork<T>(apply);
        await _inbox.Writer.WriteAsync(work, cancellationToken).ConfigureAwait(false);
        return await work.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Capitalise(string text) =>
        text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..].Replace('-', ' ');

    private static string FormatValue(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static partial class Log
    {
        [LoggerMessage(EventId = 2001, Level = LogLevel.Error, Message = "Operations desk round of {Count} commands failed; working set reloaded from storage")]
        public static partial void RoundFailed(ILogger logger, Exception exception, int count);
    }
}
