using System.Globalization;
using System.Xml.Linq;
using Vigil.Alerting.Cap.Validation;

namespace Vigil.Alerting.Cap;

/// <summary>
/// Reads CAP 1.2 documents into <see cref="CapAlert"/>. A document is read only if it is safe XML and passes the
/// structure layer; otherwise the findings say why. Section 3 rules are not required to read a document (use
/// <see cref="CapValidator"/> for those), so that broken real-world alerts can still be inspected.
/// </summary>
public static class CapParser
{
    public static bool TryParse(Stream stream, out CapAlert? alert, List<CapFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        alert = null;
        if (!CapXml.TryLoad(stream, out var document, out var xmlFinding))
        {
            findings.Add(xmlFinding!);
            return false;
        }

        return TryRead(document!, out alert, findings);
    }

    /// <summary>Reads an already loaded document (loaded through <see cref="CapXml.TryLoad"/>).</summary>
    public static bool TryRead(XDocument document, out CapAlert? alert, List<CapFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(findings);
        alert = null;
        var before = findings.Count;
        CapStructureValidator.Validate(document, findings);
        if (findings.Count > before)
        {
            return false;
        }

        var root = document.Root!;
        var infos = new List<CapInfo>();
        var signatures = new List<XElement>();
        foreach (var element in root.Elements())
        {
            if (element.Name.NamespaceName == CapNamespaces.XmlDsig)
            {
                signatures.Add(new XElement(element));
            }
            else if (element.Name.LocalName == "info")
            {
                if (!TryReadInfo(element, infos.Count + 1, findings, out var info))
                {
                    return false;
                }

                infos.Add(info!);
            }
        }

        alert = new CapAlert
        {
            Identifier = Text(root, "identifier")!,
            Sender = Text(root, "sender")!,
            Sent = Time(root, "sent")!.Value,
            Status = Code<CapStatus>(root, "status"),
            MsgType = Code<CapMsgType>(root, "msgType"),
            Source = Text(root, "source"),
            Scope = Code<CapScope>(root, "scope"),
            Restriction = Text(root, "restriction"),
            Addresses = Text(root, "addresses"),
            Codes = Texts(root, "code"),
            Note = Text(root, "note"),
            References = Text(root, "references"),
            Incidents = Text(root, "incidents"),
            Infos = infos,
            Signatures = signatures,
        };
        return true;
    }

    private static bool TryReadInfo(XElement element, int position, List<CapFinding> findings, out CapInfo? info)
    {
        info = null;
        var categories = new List<CapCategory>();
        var responses = new List<CapResponseType>();
        var resources = new List<CapResource>();
        var areas = new List<CapArea>();
        foreach (var child in element.Elements())
        {
            switch (child.Name.LocalName)
            {
                case "category":
                    categories.Add(CodeOf<CapCategory>(child));
                    break;
                case "responseType":
                    responses.Add(CodeOf<CapResponseType>(child));
                    break;
                case "resource":
                    long? size = null;
                    if (Text(child, "size") is { } sizeText)
                    {
                        if (!long.TryParse(sizeText.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s))
                        {
                            findings.Add(new CapFinding(CapValidationLayer.Structure, CapFindingSeverity.Error, "structure-value", $"alert/info[{position}]/resource[{resources.Count + 1}]/size[1]", CapStructureValidator.LineOf(child), $"Size '{sizeText}' is out of range."));
                            return false;
                        }

                        size = s;
                    }

                    resources.Add(new CapResource
                    {
                        ResourceDesc = Text(child, "resourceDesc")!,
                        MimeType = Text(child, "mimeType")!,
                        Size = size,
                        Uri = Text(child, "uri"),
                        DerefUri = Text(child, "derefUri"),
                        Digest = Text(child, "digest"),
                    });
                    break;
                case "area":
                    if (!TryDecimal(child, "altitude", out var altitude) || !TryDecimal(child, "ceiling", out var ceiling))
                    {
                        findings.Add(new CapFinding(CapValidationLayer.Structure, CapFindingSeverity.Error, "structure-value", $"alert/info[{position}]/area[{areas.Count + 1}]", CapStructureValidator.LineOf(child), "Altitude or ceiling is out of range."));
                        return false;
                    }

                    areas.Add(new CapArea
                    {
                        AreaDesc = Text(child, "areaDesc")!,
                        Polygons = Texts(child, "polygon"),
                        Circles = Texts(child, "circle"),
                        Geocodes = Pairs(child, "geocode"),
                        Altitude = altitude,
                        Ceiling = ceiling,
                    });
                    break;
            }
        }

        info = new CapInfo
        {
            Language = Text(element, "language"),
            Categories = categories,
            Event = Text(element, "event")!,
            ResponseTypes = responses,
            Urgency = Code<CapUrgency>(element, "urgency"),
            Severity = Code<CapSeverity>(element, "severity"),
            Certainty = Code<CapCertainty>(element, "certainty"),
            Audience = Text(element, "audience"),
            EventCodes = Pairs(element, "eventCode"),
            Effective = Time(element, "effective"),
            Onset = Time(element, "onset"),
            Expires = Time(element, "expires"),
            SenderName = Text(element, "senderName"),
            Headline = Text(element, "headline"),
            Description = Text(element, "description"),
            Instruction = Text(element, "instruction"),
            Web = Text(element, "web"),
            Contact = Text(element, "contact"),
            Parameters = Pairs(element, "parameter"),
            Resources = resources,
            Areas = areas,
        };
        return true;
    }

    private static XName Cap(string localName) => XName.Get(localName, CapNamespaces.Cap12);

    private static string? Text(XElement parent, string localName) => parent.Element(Cap(localName))?.Value;

    private static List<string> Texts(XElement parent, string localName)
    {
        var list = new List<string>();
        foreach (var e in parent.Elements(Cap(localName)))
        {
            list.Add(e.Value);
        }

        return list;
    }

    private static List<CapValuePair> Pairs(XElement parent, string localName)
    {
        var list = new List<CapValuePair>();
        foreach (var e in parent.Elements(Cap(localName)))
        {
            list.Add(new CapValuePair(Text(e, "valueName")!, Text(e, "value")!));
        }

        return list;
    }

    private static DateTimeOffset? Time(XElement parent, string localName) =>
        Text(parent, localName) is { } text && CapDateTime.TryParse(text, out var value) ? value : null;

    private static TEnum Code<TEnum>(XElement parent, string localName)
        where TEnum : struct, Enum => CodeOf<TEnum>(parent.Element(Cap(localName))!);

    private static TEnum CodeOf<TEnum>(XElement element)
        where TEnum : struct, Enum =>
        CapVocabulary.TryParse<TEnum>(element.Value, out var value)
            ? value
            : throw new InvalidOperationException($"Structure validation let an invalid {element.Name.LocalName} through.");

    private static bool TryDecimal(XElement parent, string localName, out decimal? value)
    {
        value = null;
        if (Text(parent, localName) is not { } text)
        {
            return true;
        }

        if (!decimal.TryParse(text.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d))
        {
            return false;
        }

        value = d;
        return true;
    }
}
