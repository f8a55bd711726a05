using System.Xml;
using System.Xml.Linq;

namespace Vigil.Alerting.Cap.Validation;

/// <summary>
/// Layer (a): checks a document against the CAP 1.2 content model of <see cref="CapSchema"/> the way an XML Schema
/// validator would: the root, element order and occurrence (a deterministic walk of each sequence), code values
/// (compared exactly, since the schema derives them from xs:string whose white space is preserved), dateTime, language,
/// integer and decimal lexical forms (after white-space collapsing), no undeclared attributes and no text in
/// element-only content. Elements of the XML-DSig namespace are accepted laxly at the end of <c>alert</c>.
/// </summary>
public static class CapStructureValidator
{
    public static void Validate(XDocument document, List<CapFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(findings);
        var root = document.Root;
        if (root is null)
        {
            findings.Add(Error("structure-no-root", "(document)", 0, "The document has no root element."));
            return;
        }

        var ns = root.Name.NamespaceName;
        if (ns != CapNamespaces.Cap12 || root.Name.LocalName != "alert")
        {
            var message = ns switch
            {
                CapNamespaces.Cap11 => "This is a CAP 1.1 document (namespace urn:oasis:names:tc:emergency:cap:1.1); only CAP 1.2 is accepted.",
                CapNamespaces.Cap10 => "This is a CAP 1.0 document; only CAP 1.2 is accepted.",
                CapNamespaces.Cap12 => $"The root element is '{root.Name.LocalName}'; a CAP 1.2 message has the root 'alert'.",
                _ => $"The root element {{{ns}}}{root.Name.LocalName} is not a CAP 1.2 alert; expected {{{CapNamespaces.Cap12}}}alert.",
            };
            findings.Add(Error("structure-root", root.Name.LocalName, LineOf(root), message));
            return;
        }

        ValidateElement(root, CapSchema.Alert, "alert", findings);
    }

    private static void ValidateElement(XElement element, CapElementRule rule, string path, List<CapFinding> findings)
    {
        CheckAttributes(element, path, findings);
        if (rule.Kind == CapValueKind.Complex)
        {
            ValidateComplex(element, rule, path, findings);
        }
        else
        {
            ValidateSimple(element, rule, path, findings);
        }
    }

    private static void CheckAttributes(XElement element, string path, List<CapFinding> findings)
    {
        foreach (var attribute in element.Attributes())
        {
            if (attribute.IsNamespaceDeclaration || attribute.Name.NamespaceName == CapNamespaces.XmlSchemaInstance)
            {
                continue;
            }

            findings.Add(Error(
                "structure-attribute",
                path,
                LineOf(element),
                $"Attribute '{attribute.Name.LocalName}' is not allowed; CAP 1.2 elements carry no attributes."));
        }
    }

    private static void ValidateComplex(XElement element, CapElementRule rule, string path, List<CapFinding> findings)
    {
        foreach (var node in element.Nodes())
        {
            if (node is XText text && !IsWhiteSpace(text.Value))
            {
                findings.Add(Error("structure-text", path, LineOf(element), $"Element '{rule.Name}' holds only elements; it contains text \"{Clip(text.Value)}\"."));
                break;
            }
        }

        var particles = rule.Children;
        var index = 0;
        var count = 0;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var child in element.Elements())
        {
            var childName = NameOf(child);
            seen[childName] = seen.TryGetValue(childName, out var n) ? n + 1 : 1;
            var childPath = $"{path}/{childName}[{seen[childName]}]";
            while (true)
            {
                if (index >= particles.Length)
                {
                    findings.Add(Error("structure-order", childPath, LineOf(child), $"Element '{childName}' is not expected here: nothing may follow in '{rule.Name}'."));
                    return;
                }

                var particle = particles[index];
                if (Matches(particle, child) && count < particle.Max)
                {
                    count++;
                    if (particle.Kind != CapValueKind.SignatureWildcard)
                    {
                        ValidateElement(child, particle, childPath, findings);
                    }

                    break;
                }

                if (count < particle.Min)
                {
                    findings.Add(Error(
                        "structure-order",
                        childPath,
                        LineOf(child),
                        $"Element '{childName}' is not expected here. Expected {ExpectedFrom(particles, index, count)}."));
                    return;
                }

                index++;
                count = 0;
            }
        }

        for (var i = index; i < particles.Length; i++)
        {
            var have = i == index ? count : 0;
            if (have < particles[i].Min)
            {
                findings.Add(Error(
                    "structure-missing",
                    $"{path}/{particles[i].Name}",
                    LineOf(element),
                    $"Required element '{particles[i].Name}' is missing from '{rule.Name}'."));
            }
        }
    }

    private static void ValidateSimple(XElement element, CapElementRule rule, string path, List<CapFinding> findings)
    {
        if (element.HasElements)
        {
            findings.Add(Error("structure-content", path, LineOf(element), $"Element '{rule.Name}' holds a value; it must not contain elements."));
            return;
        }

        var value = element.Value;
        var collapsed = value.AsSpan().Trim(" \t\r\n");
        string? problem = rule.Kind switch
        {
            CapValueKind.Enumeration => Array.IndexOf(rule.Codes, value) >= 0
                ? null
                : $"'{Clip(value)}' is not a valid {rule.Name}; allowed values are {string.Join(", ", rule.Codes)} (case-sensitive, no surrounding spaces).",
            CapValueKind.DateTime => CapDateTime.TryParse(value, out _)
                ? null
                : $"'{Clip(value)}' is not a CAP dateTime: expected yyyy-MM-ddThh:mm:ss followed by a numeric offset such as -07:00 (UTC is -00:00, 'Z' is not allowed).",
            CapValueKind.Language => IsLanguage(collapsed) ? null : $"'{Clip(value)}' is not an RFC 3066 language tag (e.g. en-US).",
            CapValueKind.Integer => IsInteger(collapsed) ? null : $"'{Clip(value)}' is not an integer.",
            CapValueKind.Decimal => IsDecimal(collapsed) ? null : $"'{Clip(value)}' is not a decimal number.",
            _ => null,
        };
        if (problem is not null)
        {
            findings.Add(Error("structure-value", path, LineOf(element), problem));
        }
    }

    private static bool Matches(CapElementRule particle, XElement child) =>
        particle.Kind == CapValueKind.SignatureWildcard
            ? child.Name.NamespaceName == CapNamespaces.XmlDsig
            : child.Name.NamespaceName == CapNamespaces.Cap12 && child.Name.LocalName == particle.Name;

    private static string ExpectedFrom(CapElementRule[] particles, int index, int count)
    {
        var names = new List<string>();
        for (var i = index; i < particles.Length; i++)
        {
            names.Add($"'{particles[i].Name}'");
            var have = i == index ? count : 0;
            if (have < particles[i].Min)
            {
                break;
            }
        }

        return names.Count == 1 ? names[0] : "one of " + string.Join(", ", names);
    }

    private static string NameOf(XElement element) =>
        element.Name.NamespaceName == CapNamespaces.Cap12
            ? element.Name.LocalName
            : $"{{{element.Name.NamespaceName}}}{element.Name.LocalName}";

    private static bool IsWhiteSpace(string s)
    {
        foreach (var c in s)
        {
            if (c is not (' ' or '\t' or '\r' or '\n'))
            {
                return false;
            }
        }

        return true;
    }

    // xs:language: [a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})* (XML Schema Part 2, §3.3.3).
    private static bool IsLanguage(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty)
        {
            return false;
        }

        var first = true;
        foreach (var range in s.Split('-'))
        {
            var part = s[range];
            if (part.Length is 0 or > 8)
            {
                return false;
            }

            foreach (var c in part)
            {
                if (!(first ? char.IsAsciiLetter(c) : char.IsAsciiLetterOrDigit(c)))
                {
                    return false;
                }
            }

            first = false;
        }

        return true;
    }

    private static bool IsInteger(ReadOnlySpan<char> s)
    {
        if (s.Length > 0 && s[0] is '+' or '-')
        {
            s = s[1..];
        }

        if (s.IsEmpty)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDecimal(ReadOnlySpan<char> s)
    {
        if (s.Length > 0 && s[0] is '+' or '-')
        {
            s = s[1..];
        }

        var digits = 0;
        var dots = 0;
        foreach (var c in s)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c == '.' && dots == 0)
            {
                dots++;
            }
            else
            {
                return false;
            }
        }

        return digits > 0;
    }

    private static string Clip(string s) => s.Length <= 60 ? s : string.Concat(s.AsSpan(0, 57), "...");

    internal static int LineOf(XObject node) => node is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;

    private static CapFinding Error(string code, string element, int line, string message) =>
        new(CapValidationLayer.Structure, CapFindingSeverity.Error, code, element, line, message);
}
