using System.Xml.Linq;

namespace Vigil.Alerting.Cap.Validation;

/// <summary>
/// Runs the layers in order: safe XML, (a) structure, (b) Section 3 rules, (c) the chosen profile. Layers (b) and (c)
/// need the document to be read into a <see cref="CapAlert"/>, so they run only when (a) passes.
/// </summary>
public static class CapValidator
{
    public static CapValidationReport Validate(Stream stream, CapProfile profile = CapProfile.None)
    {
        var findings = new List<CapFinding>();
        if (!CapXml.TryLoad(stream, out var document, out var xmlFinding))
        {
            findings.Add(xmlFinding!);
            return new CapValidationReport(findings, null);
        }

        return Validate(document!, profile, findings);
    }

    public static CapValidationReport Validate(XDocument document, CapProfile profile = CapProfile.None) =>
        Validate(document, profile, []);

    /// <summary>Checks an alert that is already in memory (layers b and c, plus a structure check of its written form).</summary>
    public static CapValidationReport Validate(CapAlert alert, CapProfile profile = CapProfile.None)
    {
        ArgumentNullException.ThrowIfNull(alert);
        using var stream = new MemoryStream(CapWriter.ToUtf8(alert));
        return Validate(stream, profile);
    }

    private static CapValidationReport Validate(XDocument document, CapProfile profile, List<CapFinding> findings)
    {
        if (!CapParser.TryRead(document, out var alert, findings))
        {
            return new CapValidationReport(findings, null);
        }

        var rulesStart = findings.Count;
        CapRulesValidator.ValidateDateTimeText(document, findings);
        CapRulesValidator.Validate(alert!, findings);
        switch (profile)
        {
            case CapProfile.Ipaws:
                IpawsProfileValidator.Validate(alert!, findings);
                break;
            case CapProfile.Google:
                GoogleProfileValidator.Validate(alert!, findings);
                break;
        }

        AttachLines(document, findings, rulesStart);
        return new CapValidationReport(findings, alert);
    }

    // Model-based rules know the element path but not the line; look the path up in the document.
    private static void AttachLines(XDocument document, List<CapFinding> findings, int start)
    {
        for (var i = start; i < findings.Count; i++)
        {
            var f = findings[i];
            if (f.Line == 0 && Resolve(document, f.Element) is { } element)
            {
                findings[i] = f with { Line = CapStructureValidator.LineOf(element) };
            }
        }
    }

    private static XElement? Resolve(XDocument document, string path)
    {
        XElement? current = null;
        foreach (var step in path.Split('/'))
        {
            var bracket = step.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? step : step[..bracket];
            var position = bracket < 0 ? 1 : int.TryParse(step.AsSpan(bracket + 1, step.Length - bracket - 2), out var p) ? p : 1;
            var xname = XName.Get(name, CapNamespaces.Cap12);
            if (current is null)
            {
                current = document.Root is { } root && root.Name == xname ? root : null;
            }
            else
            {
                var found = (XElement?)null;
                var k = 0;
                foreach (var child in current.Elements(xname))
                {
                    if (++k == position)
                    {
                        found = child;
                        break;
                    }
                }

                // A path to a missing element names its parent's line.
                if (found is null)
                {
                    return current;
                }

                current = found;
            }

            if (current is null)
            {
                return null;
            }
        }

        return current;
    }
}
