using System.Xml.Linq;
using Vigil.Alerting.Cap;
using Vigil.Alerting.Cap.Validation;
using Vigil.Testing;

namespace Vigil.Alerting.Tests.Cap;

/// <summary>Parse → write → parse keeps every element value of the shared examples (dateTimes compared as instants).</summary>
public sealed class CapRoundTripTests
{
    public static TheoryData<string> Files() => CapCrossCheckTests.Files();

    [DataTheory(CapExamples.Verdicts)]
    [MemberData(nameof(Files))]
    public void Structure_valid_example_round_trips_with_content_unchanged(string file)
    {
        var path = CapExamples.PathOf(file);
        XDocument original;
        using (var stream = File.OpenRead(path))
        {
            if (!CapXml.TryLoad(stream, out var loaded, out _))
            {
                return; // Refused documents (the XXE sample) have no content to keep.
            }

            original = loaded!;
        }

        var findings = new List<CapFinding>();
        if (!CapParser.TryRead(original, out var alert, findings))
        {
            Assert.False(CapValidator.Validate(original).IsStructureValid);
            return;
        }

        var written = CapWriter.ToXml(alert!);
        var reparsedFindings = new List<CapFinding>();
        using var again = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(written));
        Assert.True(CapParser.TryParse(again, out var reparsed, reparsedFindings), string.Join("\n", reparsedFindings));
        Assert.Equal(Content(original), Content(XDocument.Parse(written, LoadOptions.PreserveWhitespace)));
        Assert.Equal(written, CapWriter.ToXml(reparsed!));
    }

    [Fact]
    public void Carriage_returns_and_markup_characters_survive_a_round_trip()
    {
        var alert = new CapAlert
        {
            Identifier = "ID-1",
            Sender = "ops@vigil.example",
            Sent = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero),
            Status = CapStatus.Actual,
            MsgType = CapMsgType.Alert,
            Scope = CapScope.Public,
            Note = "line 1\r\nline 2 <b> & \"q\"",
        };
        var xml = CapWriter.ToXml(alert);
        Assert.Contains("<sent>2025-01-02T03:04:05-00:00</sent>", xml, StringComparison.Ordinal);
        var findings = new List<CapFinding>();
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(xml));
        Assert.True(CapParser.TryParse(stream, out var back, findings));
        Assert.Equal(alert.Note, back!.Note);
        Assert.Equal(alert.Sent, back.Sent);
    }

    // Every CAP leaf element as "path = value", in document order; signatures node by node.
    private static List<string> Content(XDocument document)
    {
        var lines = new List<string>();
        Walk(document.Root!, "alert", lines);
        return lines;
    }

    private static void Walk(XElement element, string path, List<string> lines)
    {
        if (element.Name.NamespaceName == CapNamespaces.XmlDsig)
        {
            // Signatures: every element, attribute and text node, without namespace prefixes or indentation.
            foreach (var e in element.DescendantsAndSelf())
            {
                var attributes = string.Join(' ', e.Attributes().Where(a => !a.IsNamespaceDeclaration).Select(a => $"{a.Name}={a.Value}"));
                var text = string.Concat(e.Nodes().OfType<XText>().Select(t => t.Value)).Trim();
                lines.Add($"{path} {e.Name} [{attributes}] = {text}");
            }

            return;
        }

        if (!element.HasElements)
        {
            var value = element.Value;
            if (element.Name.LocalName is "sent" or "effective" or "onset" or "expires" && CapDateTime.TryParse(value, out var instant))
            {
                value = instant.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (element.Name.LocalName is "altitude" or "ceiling" or "size")
            {
                value = value.Trim();
            }

            lines.Add(path + " = " + value);
            return;
        }

        foreach (var child in element.Elements())
        {
            Walk(child, path + "/" + child.Name.LocalName, lines);
        }
    }
}
