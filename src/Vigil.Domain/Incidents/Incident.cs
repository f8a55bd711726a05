using Vigil.Domain.Geo;

namespace Vigil.Domain.Incidents;

/// <summary>Something happening in the city that people must respond to.</summary>
public sealed class Incident
{
    private readonly List<long> _alarmIds = [];
    private readonly List<TimelineEntry> _timeline = [];
    private readonly List<string> _unitIds = [];

    public required long Id { get; init; }

    public required string Type { get; init; }

    /// <summary>1 is the most urgent, 5 the least.</summary>
    public required int Priority { get; set; }

    public required GeoPoint Location { get; set; }

    public IncidentStatus Status { get; set; } = IncidentStatus.New;

    public required string Title { get; set; }

    /// <summary>"sensor" when correlation opened it, "manual" when a person did (a phone call, say).</summary>
    public required string Source { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public IReadOnlyList<long> AlarmIds => _alarmIds;

    public IReadOnlyList<string> UnitIds => _unitIds;

    public IReadOnlyList<TimelineEntry> Timeline => _timeline;

    public bool IsOpen => Status is not (IncidentStatus.Resolved or IncidentStatus.Closed);

    public static bool IsValidPriority(int priority) => priority is >= 1 and <= 5;

    public DomainError? MoveTo(IncidentStatus target, string actor, DateTimeOffset at, string? reason = null)
    {
        if (!IncidentLifecycle.CanMove(Status, target))
        {
            return DomainError.InvalidTransition("Incident", Status, target);
        }

        var text = reason is null ? $"{Status} → {target}" : $"{Status} → {target}: {reason}";
        Status = target;
        Append(new TimelineEntry(at, actor, "status", text));
        return null;
    }

    public void LinkAlarm(long alarmId, string description, DateTimeOffset at)
    {
        if (_alarmIds.Contains(alarmId))
        {
            return;
        }

        _alarmIds.Add(alarmId);
        Append(new TimelineEntry(at, "system", "alarm", description));
    }

    public void AssignUnit(string unitId, string actor, DateTimeOffset at)
    {
        if (!_unitIds.Contains(unitId))
        {
            _unitIds.Add(unitId);
        }

        Append(new TimelineEntry(at, actor, "dispatch", $"Unit {unitId} dispatched"));
    }

    public DomainError? AddNote(string actor, string text, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new DomainError("empty_note", "A note needs some text.");
        }

        if (Status == IncidentStatus.Closed)
        {
            return new DomainError("closed", "A closed incident takes no more notes.");
        }

        Append(new TimelineEntry(at, actor, "note", text.Trim()));
        return null;
    }

    /// <summary>Restores persisted collections; used by storage adapters only.</summary>
    public void Restore(IEnumerable<long> alarmIds, IEnumerable<string> unitIds, IEnumerable<TimelineEntry> timeline)
    {
        _alarmIds.AddRange(alarmIds);
        _unitIds.AddRange(unitIds);
        _timeline.AddRange(timeline);
    }

    public void Append(TimelineEntry entry)
    {
        _timeline.Add(entry);
        UpdatedAt = entry.At;
    }
}
