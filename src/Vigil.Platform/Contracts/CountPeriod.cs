namespace Vigil.Platform.Contracts;

/// <summary>The period one health count covers. Persisted by name.</summary>
public enum CountPeriod
{
    Day,

    /// <summary>A week, identified by the date of its first day.</summary>
    Week,
}
