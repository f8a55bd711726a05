namespace Vigil.Alerting.Cap;

/// <summary>CAP 1.2 §3.2.1 <c>scope</c>: the intended distribution of the message.</summary>
public enum CapScope
{
    Public,
    Restricted,
    Private,
}
