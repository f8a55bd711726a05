namespace Vigil.Platform.Operations;

public enum DeskFailure
{
    None = 0,
    NotFound = 1,
    Invalid = 2,

    /// <summary>Another node holds the operations desk (several nodes share one desk).</summary>
    Unavailable = 3,
}
