using System.Text;
using Vigil.Alerting.Cap;
using Vigil.Alerting.Cap.Validation;
using Vigil.Testing;

namespace Vigil.Alerting.Tests.Cap;

public sealed class CapSecurityTests
{
    [DataFact("cap/examples/google__xee.cap")]
    public void Xxe_sample_is_refused_with_a_dtd_finding()
    {
        using var stream = File.OpenRead(TestData.PathTo("cap/examples/google__xee.cap"));
        var report = CapValidator.Validate(stream);
        Assert.False(report.IsStructureValid);
        Assert.Null(report.Alert);
        var finding = Assert.Single(report.Findings);
        Assert.Equal(CapValidationLayer.Xml, finding.Layer);
        Assert.Equal("xml-dtd-refused", finding.Code);
        Assert.Contains("external entit", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void External_file_entity_is_never_read()
    {
        // If the entity were resolved, the headline would carry this file's contents.
        var secret = Path.GetTempFileName();
        File.WriteAllText(secret, "SECRET-CONTENT");
        try
        {
            var xml = $"""
                <?xml version="1.0"?>
                <!DOCTYPE alert [ <!ENTITY xxe SYSTEM "file://{secret}"> ]>
                <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&xxe;</identifier></alert>
                """;
            var findings = new List<CapFinding>();
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(xml));
            Assert.False(CapParser.TryParse(stream, out var alert, findings));
            Assert.Null(alert);
            Assert.Equal("xml-dtd-refused", Assert.Single(findings).Code);
            Assert.DoesNotContain(findings, f => f.Message.Contains("SECRET", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public void Entity_expansion_bomb_is_refused()
    {
        const string xml = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&lol2;</identifier></alert>
            """;
        var report = CapSamples.Validate(xml);
        Assert.Equal("xml-dtd-refused", Assert.Single(report.Findings).Code);
    }

    [Fact]
    public void Malformed_xml_is_reported_with_its_line()
    {
        var report = CapSamples.Validate("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">\n<identifier>x</alert>");
        var finding = Assert.Single(report.Findings);
        Assert.Equal("xml-malformed", finding.Code);
        Assert.Equal(2, finding.Line);
    }
}
