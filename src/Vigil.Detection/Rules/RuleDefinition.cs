using Vigil.Domain.Alarms;
using Vigil.Domain.Devices;

namespace Vigil.Detection.Rules;

/// <summary>
/// One rule as written in the rules file. Thresholds use two levels so that a value hovering around one level does not
/// make the alarm flap: it is raised at <see cref="RaiseAt"/> and cleared only once the value is back past
/// <see cref="ClearAt"/>.
/// </summary>
public sealed record RuleDefinition
{
    public required string Id { get; init; }

    public required RuleType Type { get; init; }

    /// <summary>The device kind the rule applies to; null applies it to every kind.</summary>
    public DeviceKind? DeviceKind { get; init; }

    /// <summary>The quantity the rule watches; ignored by <see cref="RuleType.MissingData"/>.</summary>
    public string? Quantity { get; init; }

    public ThresholdDirection Direction { get; init; } = ThresholdDirection.Above;

    /// <summary>Threshold: the level that raises. Rate of change: the absolute change per minute that raises.</summary>
    public double RaiseAt { get; init; }

    /// <summary>Threshold: the level that clears. Rate of change: the change per minute under which it clears.</summary>
    public double ClearAt { get; init; }

    /// <summary>How long the condition must hold before the alarm is raised.</summary>
    public TimeSpan MinDuration { get; init; }

    /// <summary>
    /// Rate of change: the shortest span a rate is measured over. Consecutive readings a second apart turn sensor noise
    /// into huge per-minute rates; measuring over a window averages it out.
    /// </summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Missing data: the longest silence allowed.</summary>
    public TimeSpan MaxSilence { get; init; } = TimeSpan.FromMinutes(5);

    public Severity Severity { get; init; } = Severity.Major;

    public AlarmCategory Category { get; init; } = AlarmCategory.Emergency;

    /// <summary>The incident an emergency alarm of this rule suggests ("fire", "flood"…).</summary>
    public string? IncidentType { get; init; }

    public string? Unit { get; init; }

    /// <summary>Returns the first problem with the definition, or null when it is usable.</summary>
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(Id))
        {
            return "rule id is required";
        }

        switch (Type)
        {
            case RuleType.Threshold:
                if (string.IsNullOrWhiteSpace(Quantity))
                {
                    return $"rule '{Id}': quantity is required";
                }

                if (!double.IsFinite(RaiseAt) || !double.IsFinite(ClearAt))
                {
                    return $"rule '{Id}': raiseAt and clearAt must be finite";
                }

                if (Direction == ThresholdDirection.Above ? ClearAt > RaiseAt : ClearAt < RaiseAt)
                {
                    return $"rule '{Id}': clearAt must lie on the normal side of raiseAt";
                }

                break;
            case RuleType.RateOfChange:
                if (string.IsNullOrWhiteSpace(Quantity))
                {
                    return $"rule '{Id}': quantity is required";
                }

                if (Window <= TimeSpan.Zero)
                {
                    return $"rule '{Id}': window must be positive";
                }

                if (!(RaiseAt > 0) || ClearAt < 0 || ClearAt > RaiseAt)
                {
                    return $"rule '{Id}': need 0 <= clearAt <= raiseAt and raiseAt > 0";
                }

                break;
            case RuleType.MissingData:
                if (MaxSilence <= TimeSpan.Zero)
                {
                    return $"rule '{Id}': maxSilence must be positive";
                }

                break;
            default:
                return $"rule '{Id}': unknown type";
        }

        return Category == AlarmCategory.Emergency && Type != RuleType.MissingData && string.IsNullOrWhiteSpace(IncidentType)
            ? $"rule '{Id}': emergency rules need an incidentType"
            : null;
    }
}
