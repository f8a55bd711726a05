namespace Vigil.Alerting.Cap;

/// <summary>CAP 1.2 §3.2.2 <c>responseType</c>: the type of action recommended for the target audience.</summary>
public enum CapResponseType
{
    Shelter,
    Evacuate,
    Prepare,
    Execute,
    Avoid,
    Monitor,
    Assess,
    AllClear,
    None,
}
