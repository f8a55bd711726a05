namespace Vigil.Alerting.Cap;

/// <summary>XML namespaces that CAP documents use.</summary>
public static class CapNamespaces
{
    /// <summary>CAP 1.2 (OASIS Standard, 1 July 2010).</summary>
    public const string Cap12 = "urn:oasis:names:tc:emergency:cap:1.2";

    /// <summary>CAP 1.1, recognised only to say clearly why a document is not CAP 1.2.</summary>
    public const string Cap11 = "urn:oasis:names:tc:emergency:cap:1.1";

    /// <summary>CAP 1.0.</summary>
    public const string Cap10 = "http://www.incident.com/cap/1.0";

    /// <summary>XML-DSig; the CAP 1.2 schema allows these elements, laxly, at the end of <c>alert</c>.</summary>
    public const string XmlDsig = "http://www.w3.org/2000/09/xmldsig#";

    /// <summary>XML Schema instance attributes (e.g. <c>xsi:schemaLocation</c>) are allowed on any element.</summary>
    public const string XmlSchemaInstance = "http://www.w3.org/2001/XMLSchema-instance";
}
