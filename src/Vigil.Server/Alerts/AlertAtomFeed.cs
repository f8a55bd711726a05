using System.Globalization;
using System.Text;
using System.Xml;
using Vigil.Platform.Contracts;

namespace Vigil.Server.Alerts;

/// <summary>
/// The Atom index (RFC 4287) of published CAP messages, as alert aggregators poll it: one entry per message, linking
/// to its CAP 1.2 XML. Cancel messages are listed too, so that a poller learns an alert was withdrawn.
/// </summary>
internal static class AlertAtomFeed
{
    /// <summary>The media type of CAP documents (registered with IANA for CAP).</summary>
    public const string CapMediaType = "application/cap+xml";

    private const string Atom = "http://www.w3.org/2005/Atom";

    public static string Write(IReadOnlyList<AlertView> messages, string selfUrl, Func<AlertView, string> capUrl, string authority, DateTimeOffset now)
    {
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, NewLineChars = "\n" };
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", Atom);
            xml.WriteElementString("id", Atom, selfUrl);
            xml.WriteElementString("title", Atom, $"{authority}: active public warnings");
            var updated = DateTimeOffset.MinValue;
            foreach (var m in messages)
            {
                if (m.Sent is { } sent && sent > updated)
                {
                    updated = sent;
                }
            }

            xml.WriteElementString("updated", Atom, Stamp(updated == DateTimeOffset.MinValue ? now : updated));
            xml.WriteStartElement("author", Atom);
            xml.WriteElementString("name", Atom, authority);
            xml.WriteEndElement();
            Link(xml, "self", "application/atom+xml", selfUrl);
            foreach (var m in messages)
            {
                var text = m.Texts.Count > 0 ? m.Texts[0] : null;
                var url = capUrl(m);
                xml.WriteStartElement("entry", Atom);
                xml.WriteElementString("id", Atom, url);
                var title = text?.Headline is { Length: > 0 } h ? h : text?.Event ?? m.Id;
                xml.WriteElementString("title", Atom, m.MsgType == "Cancel" ? "Cancelled: " + title : title);
                xml.WriteElementString("updated", Atom, Stamp(m.Sent ?? m.DraftedAt));
                if (text?.Description is { Length: > 0 } description)
                {
                    xml.WriteElementString("summary", Atom, description);
                }

                Link(xml, "alternate", CapMediaType, url);
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static void Link(XmlWriter xml, string rel, string type, string href)
    {
        xml.WriteStartElement("link", Atom);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    private static string Stamp(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
