namespace Vigil.Detection.Rules;

public enum RuleType
{
    /// <summary>Value beyond a level for at least a minimum duration, cleared only past a second level (hysteresis).</summary>
    Threshold = 1,

    /// <summary>Value changing faster than a limit per minute.</summary>
    RateOfChange = 2,

    /// <summary>No data for longer than allowed: the device is offline.</summary>
    MissingData = 3,
}
