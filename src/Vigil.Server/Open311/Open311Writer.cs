using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using Microsoft.AspNetCore.Http;

namespace Vigil.Server.Open311;

/// <summary>Writes GeoReport v2 documents as the spec's JSON or XML.</summary>
internal static class Open311Writer
{
    public const string Json = "json";
    public const string Xml = "xml";

    public static bool IsFormat(string? format) => format is Json or Xml;

    public static IResult Result(Open311Document document, string format, int statusCode = StatusCodes.Status200OK) =>
        format == Xml
            ? new Open311Result(WriteXml(document), "application/xml; charset=utf-8", statusCode)
            : new Open311Result(WriteJson(document), "application/json; charset=utf-8", statusCode);

    /// <summary>The spec's error shape: a list of {code, description}, with the HTTP status of the first.</summary>
    public static IResult Errors(string format, int statusCode, params string[] descriptions)
    {
        var items = new List<Open311Fields>(descriptions.Length);
        foreach (var description in descriptions)
        {
            items.Add(new Open311Fields().Add("code", statusCode).Add("description", description));
        }

        return Result(new Open311Document("errors", "error", items), format, statusCode);
    }

    public static byte[] WriteJson(Open311Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (document.ItemName is null)
            {
                WriteObject(writer, document.Items[0]);
            }
            else
            {
                writer.WriteStartArray();
                foreach (var item in document.Items)
                {
                    WriteObject(writer, item);
                }

                writer.WriteEndArray();
            }
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] WriteXml(Open311Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement(document.RootName);
            if (document.ItemName is null)
            {
                WriteElements(writer, document.Items[0]);
            }
            else
            {
                foreach (var item in document.Items)
                {
                    writer.WriteStartElement(document.ItemName);
                    WriteElements(writer, item);
                    writer.WriteEndElement();
                }
            }

            writer.WriteEndElement();
            writer.WriteEndDocument();
        }

        return stream.ToArray();
    }

    private static void WriteObject(Utf8JsonWriter writer, Open311Fields fields)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in fields)
        {
            writer.WritePropertyName(name);
            switch (value)
            {
                case null:
                    writer.WriteNullValue();
                    break;
                case string s:
                    writer.WriteStringValue(s);
                    break;
                case bool b:
                    writer.WriteBooleanValue(b);
                    break;
                case int i:
                    writer.WriteNumberValue(i);
                    break;
                case double d:
                    writer.WriteNumberValue(d);
                    break;
                case Open311List list:
                    writer.WriteStartArray();
                    foreach (var item in list.Items)
                    {
                        WriteObject(writer, item);
                    }

                    writer.WriteEndArray();
                    break;
                default:
                    throw new InvalidOperationException($"Open311 field {name} has an unsupported type {value.GetType().Name}.");
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteElements(XmlWriter writer, Open311Fields fields)
    {
        foreach (var (name, value) in fields)
        {
            writer.WriteStartElement(name);
            switch (value)
            {
                case null:
                    break;
                case string s:
                    writer.WriteString(XmlSafe(s));
                    break;
                case bool b:
                    writer.WriteString(b ? "true" : "false");
                    break;
                case int i:
                    writer.WriteString(i.ToString(CultureInfo.InvariantCulture));
                    break;
                case double d:
                    writer.WriteString(d.ToString("R", CultureInfo.InvariantCulture));
                    break;
                case Open311List list:
                    foreach (var item in list.Items)
                    {
                        writer.WriteStartElement(list.ItemName);
                        WriteElements(writer, item);
                        writer.WriteEndElement();
                    }

                    break;
                default:
                    throw new InvalidOperationException($"Open311 field {name} has an unsupported type {value.GetType().Name}.");
            }

            writer.WriteEndElement();
        }
    }

    /// <summary>
    /// Text stored before Open311 existed (a portal report) may hold characters XML 1.0 cannot carry; they become
    /// U+FFFD rather than making the writer throw in the middle of an answer.
    /// </summary>
    private static string XmlSafe(string text)
    {
        var clean = true;
        for (var i = 0; i < text.Length && clean; i++)
        {
            clean = XmlConvert.IsXmlChar(text[i]) || (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]) && ++i > 0);
        }

        if (clean)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
            {
                builder.Append(text[i]);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                builder.Append(text, i, 2);
                i++;
            }
            else
            {
                builder.Append('\uFFFD');
            }
        }

        return builder.ToString();
    }
}
