using System.Xml.Linq;
using Vigil.Alerting.Geo;

namespace Vigil.Alerting.Cap.Validation;

/// <summary>
/// Layer (b): the rules of the CAP 1.2 data dictionary (Section 3) that the XML schema cannot express. Each MUST is an
/// error; each SHOULD is a warning. Section numbers refer to OASIS CAP 1.2 (1 July 2010).
/// </summary>
public static class CapRulesValidator
{
    /// <summary>§3.2.2 headline: "SHOULD be less than 160 characters".</summary>
    public const int HeadlineAdvisoryLength = 160;

    public static void Validate(CapAlert alert, List<CapFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(findings);

        // §3.2.1 identifier and sender: "MUST NOT include spaces, commas or restricted characters (< and &)".
        CheckToken(alert.Identifier, "alert/identifier[1]", "identifier", findings);
        CheckToken(alert.Sender, "alert/sender[1]", "sender", findings);

        if (alert.Scope == CapScope.Restricted && string.IsNullOrWhiteSpace(alert.Restriction))
        {
            findings.Add(Error("rules-restriction", "alert/restriction", "scope is Restricted, so restriction must say who may receive the message (§3.2.1)."));
        }

        if (alert.Scope == CapScope.Private && string.IsNullOrWhiteSpace(alert.Addresses))
        {
            findings.Add(Error("rules-addresses", "alert/addresses", "scope is Private, so addresses is required (§3.2.1)."));
        }

        CheckQuotedList(alert.Addresses, "alert/addresses[1]", "addresses", findings);
        CheckQuotedList(alert.Incidents, "alert/incidents[1]", "incidents", findings);
        CheckReferences(alert, findings);

        for (var i = 0; i < alert.Infos.Count; i++)
        {
            CheckInfo(alert.Infos[i], $"alert/info[{i + 1}]", findings);
        }
    }

    /// <summary>
    /// §3.2.1 sent (and the other dateTimes): "The timezone for UTC MUST be represented as -00:00". The model keeps only
    /// the instant, so this check reads the document text.
    /// </summary>
    public static void ValidateDateTimeText(XDocument document, List<CapFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(findings);
        if (document.Root is not { } root)
        {
            return;
        }

        CheckUtcText(root.Element(XName.Get("sent", CapNamespaces.Cap12)), "alert/sent[1]", findings);
        var position = 0;
        foreach (var info in root.Elements(XName.Get("info", CapNamespaces.Cap12)))
        {
            position++;
            foreach (var name in (ReadOnlySpan<string>)["effective", "onset", "expires"])
            {
                CheckUtcText(info.Element(XName.Get(name, CapNamespaces.Cap12)), $"alert/info[{position}]/{name}[1]", findings);
            }
        }
    }

    private static void CheckUtcText(XElement? element, string path, List<CapFinding> findings)
    {
        if (element is not null && CapDateTime.UsesPositiveZeroOffset(element.Value))
        {
            findings.Add(new CapFinding(
                CapValidationLayer.Rules,
                CapFindingSeverity.Error,
                "rules-utc-offset",
                path,
                CapStructureValidator.LineOf(element),
                $"'{element.Value.Trim()}' writes UTC as +00:00; CAP 1.2 requires -00:00 (§3.2.1)."));
        }
    }

    private static void CheckReferences(CapAlert alert, List<CapFinding> findings)
    {
        var needsReferences = alert.MsgType is CapMsgType.Update or CapMsgType.Cancel or CapMsgType.Ack or CapMsgType.Error;
        if (alert.References is null)
        {
            if (needsReferences)
            {
                findings.Add(Error(
                    "rules-references-missing",
                    "alert/references",
                    $"msgType {alert.MsgType} must identify the earlier message(s) it concerns in references (§3.2.1)."));
            }

            return;
        }

        var parsed = new List<CapReference>();
        if (!CapReference.TryParseList(alert.References, parsed, out var error))
        {
            findings.Add(Error("rules-references", "alert/references[1]", error + " (§3.2.1)."));
            return;
        }

        foreach (var reference in parsed)
        {
            if (HasRestricted(reference.Sender) || HasRestricted(reference.Identifier))
            {
                findings.Add(Error("rules-references", "alert/references[1]", $"reference \"{reference}\" holds '<' or '&', which identifiers and senders must not (§3.2.1)."));
            }

            if (reference.Sender == alert.Sender && reference.Identifier == alert.Identifier)
            {
                findings.Add(Error("rules-references", "alert/references[1]", "a message must not reference itself."));
            }
        }
    }

    private static void CheckInfo(CapInfo info, string path, List<CapFinding> findings)
    {
        if (info.Headline is { Length: >= HeadlineAdvisoryLength })
        {
            findings.Add(Warning("rules-headline-length", path + "/headline[1]", $"headline is {info.Headline.Length} characters; it SHOULD be less than {HeadlineAdvisoryLength} (§3.2.2)."));
        }

        if (info.Web is { } emptyWeb && string.IsNullOrWhiteSpace(emptyWeb))
        {
            findings.Add(Warning("rules-web", path + "/web[1]", "web is empty; leave the element out or give a full absolute URI (§3.2.2)."));
        }
        else if (info.Web is { } web && !Uri.TryCreate(web.Trim(), UriKind.Absolute, out _))
        {
            findings.Add(Error("rules-web", path + "/web[1]", $"web '{web}' is not a full absolute URI (§3.2.2)."));
        }

        if (info.Expires is { } expires)
        {
            if (info.Effective is { } effective && expires < effective)
            {
                findings.Add(Warning("rules-expires-order", path + "/expires[1]", "expires is earlier than effective."));
            }

            if (info.Onset is { } onset && expires < onset)
            {
                findings.Add(Warning("rules-expires-order", path + "/expires[1]", "expires is earlier than onset."));
            }
        }

        for (var r = 0; r < info.Resources.Count; r++)
        {
            var resource = info.Resources[r];
            var rpath = $"{path}/resource[{r + 1}]";
            if (resource.Size is < 0)
            {
                findings.Add(Error("rules-resource-size", rpath + "/size[1]", "size is a number of bytes and cannot be negative (§3.2.3)."));
            }

            if (resource.DerefUri is { } deref && !IsBase64(deref))
            {
                findings.Add(Error("rules-resource-derefuri", rpath + "/derefUri[1]", "derefUri must hold the base-64 encoded content of the resource (§3.2.3)."));
            }

            if (resource.Digest is { } digest && !IsSha1Hex(digest.Trim()))
            {
                findings.Add(Warning("rules-resource-digest", rpath + "/digest[1]", "digest should be the SHA-1 hash of the resource, 40 hexadecimal digits (§3.2.3)."));
            }
        }

        var points = new List<GeoPoint>();
        for (var a = 0; a < info.Areas.Count; a++)
        {
            var area = info.Areas[a];
            var apath = $"{path}/area[{a + 1}]";
            for (var p = 0; p < area.Polygons.Count; p++)
            {
                points.Clear();
                if (!CapGeometry.TryParsePolygon(area.Polygons[p], points, out var error))
                {
                    findings.Add(Error("rules-polygon", $"{apath}/polygon[{p + 1}]", error + " (§3.2.4)."));
                }
            }

            for (var c = 0; c < area.Circles.Count; c++)
            {
                if (!CapGeometry.TryParseCircle(area.Circles[c], out _, out var error))
                {
                    findings.Add(Error("rules-circle", $"{apath}/circle[{c + 1}]", error + " (§3.2.4)."));
                }
            }

            if (area.Ceiling is { } ceiling)
            {
                if (area.Altitude is not { } altitude)
                {
                    findings.Add(Error("rules-ceiling", apath + "/ceiling[1]", "ceiling must not be used without altitude (§3.2.4)."));
                }
                else if (ceiling < altitude)
                {
                    findings.Add(Error("rules-ceiling", apath + "/ceiling[1]", "ceiling is below altitude."));
                }
            }
        }
    }

    private static void CheckToken(string value, string path, string name, List<CapFinding> findings)
    {
        if (value.Length == 0)
        {
            findings.Add(Error("rules-" + name, path, $"{name} is empty (§3.2.1)."));
            return;
        }

        foreach (var c in value)
        {
            if (c is ' ' or ',' or '<' or '&' || char.IsWhiteSpace(c))
            {
                findings.Add(Error("rules-" + name, path, $"{name} '{value}' must not include spaces, commas, '<' or '&' (§3.2.1)."));
                return;
            }
        }
    }

    // §3.2.1 addresses and incidents: space-delimited, with multi-word entries enclosed in double quotes.
    private static void CheckQuotedList(string? value, string path, string name, List<CapFinding> findings)
    {
        if (value is null)
        {
            return;
        }

        var quotes = 0;
        foreach (var c in value)
        {
            if (c == '"')
            {
                quotes++;
            }
        }

        if (quotes % 2 != 0)
        {
            findings.Add(Error("rules-" + name, path, $"{name} has an unbalanced double quote; multi-word entries are enclosed in double quotes (§3.2.1)."));
        }
    }

    private static bool HasRestricted(string s) => s.Contains('<', StringComparison.Ordinal) || s.Contains('&', StringComparison.Ordinal);

    private static bool IsBase64(string s)
    {
        var buffer = new byte[((s.Length / 4) + 1) * 3];
        return Convert.TryFromBase64String(s.Trim(), buffer, out _);
    }

    private static bool IsSha1Hex(string s)
    {
        if (s.Length != 40)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static CapFinding Error(string code, string element, string message) =>
        new(CapValidationLayer.Rules, CapFindingSeverity.Error, code, element, 0, message);

    private static CapFinding Warning(string code, string element, string message) =>
        new(CapValidationLayer.Rules, CapFindingSeverity.Warning, code, element, 0, message);
}
