namespace Vigil.Detection.Rules;

public enum ThresholdDirection
{
    /// <summary>Alarm when the value rises to or above the raise level.</summary>
    Above = 1,

    /// <summary>Alarm when the value falls to or below the raise level.</summary>
    Below = 2,
}
