namespace Vigil.Alerting.Cap;

/// <summary>CAP 1.2 §3.2.2 <c>severity</c>: the intensity of impact.</summary>
public enum CapSeverity
{
    Extreme,
    Severe,
    Moderate,
    Minor,
    Unknown,
}
