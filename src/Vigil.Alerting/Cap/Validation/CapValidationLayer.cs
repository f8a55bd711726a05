namespace Vigil.Alerting.Cap.Validation;

/// <summary>The layer of checks a finding comes from, in the order they run.</summary>
public enum CapValidationLayer
{
    /// <summary>The bytes are not a safe, well-formed XML document (including refused DTDs and external entities).</summary>
    Xml,

    /// <summary>Element order, required elements, enumerations and value types of the CAP 1.2 schema.</summary>
    Structure,

    /// <summary>The Section 3 (data dictionary) rules that the schema cannot express.</summary>
    Rules,

    /// <summary>An optional profile (IPAWS, Google Public Alerts).</summary>
    Profile,
}
