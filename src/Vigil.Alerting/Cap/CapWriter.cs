using System.Globalization;
using System.Text;
using System.Xml;

namespace Vigil.Alerting.Cap;

/// <summary>
/// Writes <see cref="CapAlert"/> as a CAP 1.2 document, elements in schema order. Carriage returns in text are written
/// as character references so that they survive the XML parser's end-of-line normalisation and round trips are exact.
/// </summary>
public static class CapWriter
{
    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
        NewLineHandling = NewLineHandling.Entitize,
        CloseOutput = false,
    };

    public static void Write(CapAlert alert, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = XmlWriter.Create(stream, Settings);
        Write(alert, writer);
    }

    public static string ToXml(CapAlert alert)
    {
        using var stream = new MemoryStream();
        Write(alert, stream);
        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    public static byte[] ToUtf8(CapAlert alert)
    {
        using var stream = new MemoryStream();
        Write(alert, stream);
        return stream.ToArray();
    }

    public static void Write(CapAlert alert, XmlWriter writer)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartDocument();
        writer.WriteStartElement("alert", CapNamespaces.Cap12);
        Element(writer, "identifier", alert.Identifier);
        Element(writer, "sender", alert.Sender);
        Element(writer, "sent", CapDateTime.Format(alert.Sent));
        Element(writer, "status", CapVocabulary.ToCode(alert.Status));
        Element(writer, "msgType", CapVocabulary.ToCode(alert.MsgType));
        Element(writer, "source", alert.Source);
        Element(writer, "scope", CapVocabulary.ToCode(alert.Scope));
        Element(writer, "restriction", alert.Restriction);
        Element(writer, "addresses", alert.Addresses);
        foreach (var code in alert.Codes)
        {
            Element(writer, "code", code);
        }

        Element(writer, "note", alert.Note);
        Element(writer, "references", alert.References);
        Element(writer, "incidents", alert.Incidents);
        foreach (var info in alert.Infos)
        {
            WriteInfo(writer, info);
        }

        foreach (var signature in alert.Signatures)
        {
            signature.WriteTo(writer);
        }

        writer.WriteEndElement();
        writer.WriteEndDocument();
        writer.Flush();
    }

    private static void WriteInfo(XmlWriter writer, CapInfo info)
    {
        writer.WriteStartElement("info", CapNamespaces.Cap12);
        Element(writer, "language", info.Language);
        foreach (var category in info.Categories)
        {
            Element(writer, "category", CapVocabulary.ToCode(category));
        }

        Element(writer, "event", info.Event);
        foreach (var response in info.ResponseTypes)
        {
            Element(writer, "responseType", CapVocabulary.ToCode(response));
        }

        Element(writer, "urgency", CapVocabulary.ToCode(info.Urgency));
        Element(writer, "severity", CapVocabulary.ToCode(info.Severity));
        Element(writer, "certainty", CapVocabulary.ToCode(info.Certainty));
        Element(writer, "audience", info.Audience);
        Pairs(writer, "eventCode", info.EventCodes);
        Time(writer, "effective", info.Effective);
        Time(writer, "onset", info.Onset);
        Time(writer, "expires", info.Expires);
        Element(writer, "senderName", info.SenderName);
        Element(writer, "headline", info.Headline);
        Element(writer, "description", info.Description);
        Element(writer, "instruction", info.Instruction);
        Element(writer, "web", info.Web);
        Element(writer, "contact", info.Contact);
        Pairs(writer, "parameter", info.Parameters);
        foreach (var resource in info.Resources)
        {
            writer.WriteStartElement("resource", CapNamespaces.Cap12);
            Element(writer, "resourceDesc", resource.ResourceDesc);
            Element(writer, "mimeType", resource.MimeType);
            Element(writer, "size", resource.Size?.ToString(CultureInfo.InvariantCulture));
            Element(writer, "uri", resource.Uri);
            Element(writer, "derefUri", resource.DerefUri);
            Element(writer, "digest", resource.Digest);
            writer.WriteEndElement();
        }

        foreach (var area in info.Areas)
        {
            writer.WriteStartElement("area", CapNamespaces.Cap12);
            Element(writer, "areaDesc", area.AreaDesc);
            foreach (var polygon in area.Polygons)
            {
                Element(writer, "polygon", polygon);
            }

            foreach (var circle in area.Circles)
            {
                Element(writer, "circle", circle);
            }

            Pairs(writer, "geocode", area.Geocodes);
            Element(writer, "altitude", area.Altitude?.ToString(CultureInfo.InvariantCulture));
            Element(writer, "ceiling", area.Ceiling?.ToString(CultureInfo.InvariantCulture));
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }

    private static void Pairs(XmlWriter writer, string name, IReadOnlyList<CapValuePair> pairs)
    {
        foreach (var pair in pairs)
        {
            writer.WriteStartElement(name, CapNamespaces.Cap12);
            Element(writer, "valueName", pair.ValueName);
            Element(writer, "value", pair.Value);
            writer.WriteEndElement();
        }
    }

    private static void Time(XmlWriter writer, string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            Element(writer, name, CapDateTime.Format(v));
        }
    }

    private static void Element(XmlWriter writer, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        writer.WriteStartElement(name, CapNamespaces.Cap12);
        writer.WriteString(value);
        writer.WriteEndElement();
    }
}
