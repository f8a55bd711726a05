namespace Vigil.Alerting.Cap;

/// <summary>CAP 1.2 §3.2.1 <c>status</c>: the code denoting the appropriate handling of the message.</summary>
public enum CapStatus
{
    Actual,
    Exercise,
    System,
    Test,
    Draft,
}
