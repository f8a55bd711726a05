namespace Vigil.Alerting.Cap.Validation;

/// <summary>Optional profiles checked on top of CAP 1.2.</summary>
public enum CapProfile
{
    None,

    /// <summary>CAP v1.2 USA Integrated Public Alert and Warning System Profile Version 1.0 (OASIS, 2009).</summary>
    Ipaws,

    /// <summary>Google Public Alerts CAP requirements (developers.google.com/public-alerts/guides/cap-requirements).</summary>
    Google,
}
