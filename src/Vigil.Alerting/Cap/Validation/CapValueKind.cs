namespace Vigil.Alerting.Cap.Validation;

/// <summary>The content an element of the CAP 1.2 schema may hold.</summary>
internal enum CapValueKind
{
    Complex,
    String,
    Enumeration,
    DateTime,
    Language,
    AnyUri,
    Integer,
    Decimal,

    /// <summary>The schema's <c>xs:any namespace="xmldsig#" processContents="lax"</c> at the end of <c>alert</c>.</summary>
    SignatureWildcard,
}
