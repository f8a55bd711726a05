using Vigil.Anomaly;
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

    /// <summary>Anomaly: the streaming detector to run (a name of <c>DetectorCatalog</c>), so each device kind can have its own.</summary>
    public string Detector { get; init; } = DetectorCatalog.DefaultName;

    /// <summary>Anomaly: observations the detector learns from before it may raise anything (288 is a day of 5-minute data).</summary>
    public int LearningPoints { get; init; } = 288;

    /// <summary>Flatline: readings that must repeat, besides <see cref="MinDuration"/>.</summary>
    public int MinReadings { get; init; } = 10;

    /// <summary>Flatline: the largest change still counted as the same value.</summary>
    public double Tolerance { get; init; }

    /// <summary>Message rate: messages per window at or below which there is never a jump (a quiet device may burst).</summary>
    public int MinMessages { get; init; } = 20;

    /// <summary>Impossible value: lowest possible value; when both limits are absent they come from the quantity's unit.</summary>
    public double? Min { get; init; }

    /// <summary>Impossible value: highest possible value.</summary>
    public double? Max { get; init; }

    /// <summary>Dropout: a gap this many times the device's usual interval between readings is a dropout.</summary>
    public double GapFactor { get; init; } = 3.0;

    /// <summary>Late data: a reading received this long after its timestamp is late.</summary>
    public TimeSpan MaxLateness { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Neighbour disagreement: how far away a sensor of the same quantity still counts as a neighbour.
    /// Location drift: how far from its registered place a device may report itself.
    /// </summary>
    public double RadiusMetres { get; init; } = 1000;

    /// <summary>Neighbour disagreement: fewer neighbours with a recent reading than this give no verdict.</summary>
    public int MinNeighbours { get; init; } = 3;

    /// <summary>Neighbour disagreement: the smallest spread assumed among neighbours, in the quantity's unit.</summary>
    public double MinSpread { get; init; } = 1.0;

    /// <summary>Auth failure burst: failed authentications within <see cref="Window"/> that make a burst.</summary>
    public int Failures { get; init; } = 10;

    /// <summary>Key spread: distinct network origins one key may use within <see cref="Window"/>.</summary>
    public int MaxPlaces { get; init; } = 2;

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
            case RuleType.Anomaly:
                if (string.IsNullOrWhiteSpace(Quantity))
                {
                    return $"rule '{Id}': quantity is required";
                }

                if (!DetectorCatalog.TryCreate(Detector ?? string.Empty, 0, out _))
                {
                    return $"rule '{Id}': detector must be one of {string.Join(", ", DetectorCatalog.Names)}";
                }

                if (!(RaiseAt > 0 && RaiseAt < 1) || !(ClearAt >= 0 && ClearAt <= RaiseAt))
                {
                    return $"rule '{Id}': anomaly levels are likelihoods: need 0 <= clearAt <= raiseAt < 1";
                }

                if (LearningPoints < 0)
                {
                    return $"rule '{Id}': learningPoints must not be negative";
                }

                break;
            case RuleType.Flatline:
                if (string.IsNullOrWhiteSpace(Quantity))
                {
                    return $"rule '{Id}': quantity is required";
                }

                if (MinDuration <= TimeSpan.Zero || MinReadings < 2 || !(Tolerance >= 0))
                {
                    return $"rule '{Id}': need minDuration > 0, minReadings >= 2 and tolerance >= 0";
                }

                break;
            case RuleType.ImpossibleValue:
                if (string.IsNullOrWhiteSpace(Quantity))
                {
                    return $"rule '{Id}': quantity is required";
                }

                if (Min is { } min && Max is { } max && !(min < max))
                {
                    return $"rule '{Id}': min must be below max";
                }

                break;
            case RuleType.MessageRate:
                if (!(RaiseAt > 1) || Window <= TimeSpan.Zero || MinMessages < 0)
                {
                    return $"rule '{Id}': raiseAt is the jump factor and must exceed 1; window must be positive; minMessages must not be negative";
                }

                break;
            case RuleType.Dropout:
                if (!(GapFactor > 1))
                {
                    return $"rule '{Id}': gapFactor must exceed 1";
                }

                break;
            case RuleType.LateData:
                if (MaxLateness <= TimeSpan.Zero)
                {
                    return $"rule '{Id}': maxLateness must be positive";
                }

                break;
            case RuleType.NeighbourDisagreement:
                if (string.IsNullOrWhiteSpace(Quantity))
                {
                    return $"rule '{Id}': quantity is required";
                }

                // The radius bounds the grid cells a lookup scans; a neighbourhood wider than a city says nothing about a sensor.
                if (!(RadiusMetres > 0 && RadiusMetres <= 50_000) || MinNeighbours < 2 || !(RaiseAt > 0) || !(MinSpread > 0) || MaxSilence <= TimeSpan.Zero)
                {
                    return $"rule '{Id}': need 0 < radiusMetres <= 50000, minNeighbours >= 2, raiseAt (spreads) > 0, minSpread > 0 and maxSilence > 0";
                }

                break;
            case RuleType.AuthFailureBurst:
                if (Failures < 2 || Window <= TimeSpan.Zero)
                {
                    return $"rule '{Id}': need failures >= 2 and a positive window";
                }

                break;
            case RuleType.KeySpread:
                if (MaxPlaces < 1 || Window <= TimeSpan.Zero)
                {
                    return $"rule '{Id}': need maxPlaces >= 1 and a positive window";
                }

                break;
            case RuleType.LocationDrift:
                if (!(RadiusMetres > 0))
                {
                    return $"rule '{Id}': radiusMetres must be positive";
                }

                break;
            default:
                return $"rule '{Id}': unknown type";
        }

        // A stuck or lying sensor is maintenance work and must never open an emergency; a compromise signal is for security.
        if (Type is RuleType.Flatline or RuleType.ImpossibleValue or RuleType.Dropout or RuleType.LateData or RuleType.NeighbourDisagreement
            && Category != AlarmCategory.DeviceFault)
        {
            return $"rule '{Id}': {Type} rules report sensor faults: category must be DeviceFault";
        }

        if (Type is RuleType.MessageRate or RuleType.AuthFailureBurst or RuleType.KeySpread or RuleType.LocationDrift && Category != AlarmCategory.Security)
        {
            return $"rule '{Id}': {Type} rules report device compromise: category must be Security";
        }

        // An anomaly may be an emergency that opens no incident: operators see it, but a statistical surprise alone dispatches nobody.
        return Category == AlarmCategory.Emergency && Type is not (RuleType.MissingData or RuleType.Anomaly) && string.IsNullOrWhiteSpace(IncidentType)
            ? $"rule '{Id}': emergency rules need an incidentType"
            : null;
    }
}
