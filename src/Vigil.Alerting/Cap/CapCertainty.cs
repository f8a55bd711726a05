namespace Vigil.Alerting.Cap;

/// <summary>CAP 1.2 §3.2.2 <c>certainty</c>: the confidence in the observation or prediction.</summary>
public enum CapCertainty
{
    Observed,
    Likely,
    Possible,
    Unlikely,
    Unknown,
}
