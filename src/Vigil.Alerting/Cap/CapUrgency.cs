namespace Vigil.Alerting.Cap;

/// <summary>CAP 1.2 §3.2.2 <c>urgency</c>: the time available to prepare.</summary>
public enum CapUrgency
{
    Immediate,
    Expected,
    Future,
    Past,
    Unknown,
}
