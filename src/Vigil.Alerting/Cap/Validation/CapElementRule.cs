namespace Vigil.Alerting.Cap.Validation;

/// <summary>One particle of a CAP 1.2 content model: an element name, its occurrence bounds and its content.</summary>
internal sealed class CapElementRule
{
    public const int Unbounded = int.MaxValue;

    private CapElementRule(string name, int min, int max, CapValueKind kind, string[]? codes, CapElementRule[]? children)
    {
        Name = name;
        Min = min;
        Max = max;
        Kind = kind;
        Codes = codes ?? [];
        Children = children ?? [];
    }

    public string Name { get; }

    public int Min { get; }

    public int Max { get; }

    public CapValueKind Kind { get; }

    public string[] Codes { get; }

    public CapElementRule[] Children { get; }

    public static CapElementRule Simple(string name, int min, int max, CapValueKind kind) => new(name, min, max, kind, null, null);

    public static CapElementRule Coded(string name, int min, int max, string[] codes) => new(name, min, max, CapValueKind.Enumeration, codes, null);

    public static CapElementRule Complex(string name, int min, int max, params CapElementRule[] children) => new(name, min, max, CapValueKind.Complex, null, children);

    public static CapElementRule Signatures() => new("(xmldsig element)", 0, Unbounded, CapValueKind.SignatureWildcard, null, null);
}
