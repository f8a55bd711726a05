namespace Vigil.Detection.Rules;

public enum RuleSignalKind : byte
{
    Raise = 1,
    Clear = 2,
}
