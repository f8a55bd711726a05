using System.Xml;
using System.Xml.Linq;
using Vigil.Alerting.Cap.Validation;

namespace Vigil.Alerting.Cap;

/// <summary>
/// Loads CAP documents safely. DTDs are prohibited and no resolver is set, so neither external entities (XXE),
/// parameter entities nor "billion laughs" expansions are ever processed; XInclude is not a feature of System.Xml.
/// </summary>
public static class CapXml
{
    /// <summary>Largest document accepted, in characters. Real alerts with embedded resources reach about 1 MB.</summary>
    public const long MaxDocumentCharacters = 64L * 1024 * 1024;

    public static XmlReaderSettings ReaderSettings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        MaxCharactersInDocument = MaxDocumentCharacters,
        IgnoreComments = false,
        CloseInput = false,
    };

    /// <summary>Reads a whole document with line information. On failure <paramref name="finding"/> says why.</summary>
    public static bool TryLoad(Stream stream, out XDocument? document, out CapFinding? finding)
    {
        ArgumentNullException.ThrowIfNull(stream);
        document = null;
        finding = null;
        try
        {
            using var reader = XmlReader.Create(stream, ReaderSettings());
            document = XDocument.Load(reader, LoadOptions.SetLineInfo | LoadOptions.PreserveWhitespace);
            return true;
        }
        catch (XmlException ex) when (ex.Message.Contains("DTD", StringComparison.Ordinal))
        {
            finding = new CapFinding(
                CapValidationLayer.Xml,
                CapFindingSeverity.Error,
                "xml-dtd-refused",
                "(document)",
                ex.LineNumber,
                "The document has a DOCTYPE declaration. DTDs and external entities are refused (XML external entity attack); the document was not processed.");
            return false;
        }
        catch (XmlException ex)
        {
            finding = new CapFinding(
                CapValidationLayer.Xml,
                CapFindingSeverity.Error,
                "xml-malformed",
                "(document)",
                ex.LineNumber,
                "Not well-formed XML: " + ex.Message);
            return false;
        }
    }
}
