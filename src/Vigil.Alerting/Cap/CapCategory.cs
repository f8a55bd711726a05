namespace Vigil.Alerting.Cap;

/// <summary>CAP 1.2 §3.2.2 <c>category</c>: the category of the subject event.</summary>
public enum CapCategory
{
    Geo,
    Met,
    Safety,
    Security,
    Rescue,
    Fire,
    Health,
    Env,
    Transport,
    Infra,
    CBRNE,
    Other,
}
