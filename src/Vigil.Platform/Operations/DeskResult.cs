namespace Vigil.Platform.Operations;

/// <summary>The outcome of a desk command: the committed entity, or why nothing changed.</summary>
public readonly record struct DeskResult<T>(T? Value, DeskFailure Failure, string? Message)
{
    public bool Succeeded => Failure == DeskFailure.None;

    public static DeskResult<T> Ok(T value) => new(value, DeskFailure.None, null);

    public static DeskResult<T> NotFound(string message) => new(default, DeskFailure.NotFound, message);

    public static DeskResult<T> Invalid(string message) => new(default, DeskFailure.Invalid, message);

    public static DeskResult<T> Unavailable(string message) => new(default, DeskFailure.Unavailable, message);
}
