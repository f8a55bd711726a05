namespace Vigil.Alerting.Cap.Validation;

/// <summary>Errors make a document fail its layer; warnings report a SHOULD of the standard or profile.</summary>
public enum CapFindingSeverity
{
    Error,
    Warning,
}
