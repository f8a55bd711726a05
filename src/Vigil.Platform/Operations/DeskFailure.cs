namespace Vigil.Platform.Operations;

public enum DeskFailure
{
    None = 0,
    NotFound = 1,
    Invalid = 2,
}
