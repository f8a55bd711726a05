using Vigil.Alerting.Cap.Validation;

namespace Vigil.Alerting.Tests.Cap;

/// <summary>Layer (a) on hand-made documents; expectations follow the CAP 1.2 schema (CAP-v1.2.xsd).</summary>
public sealed class CapStructureTests
{
    [Fact]
    public void Valid_sample_passes_every_layer()
    {
        var report = CapSamples.Validate(CapSamples.Alert());
        Assert.True(report.IsValid, string.Join("\n", report.Findings));
        Assert.Empty(report.Findings);
        Assert.NotNull(report.Alert);
    }

    [Fact]
    public void Missing_scope_names_the_element_that_came_instead()
    {
        var report = CapSamples.Validate(CapSamples.Alert(header: "<status>Actual</status><msgType>Alert</msgType>"));
        var error = Assert.Single(report.Errors());
        Assert.Equal("structure-order", error.Code);
        Assert.Equal("alert/info[1]", error.Element);
        Assert.Contains("'scope'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Elements_out_of_order_are_refused()
    {
        var report = CapSamples.Validate(CapSamples.Alert(header: "<msgType>Alert</msgType><status>Actual</status><scope>Public</scope>"));
        Assert.Equal("alert/msgType[1]", Assert.Single(report.Errors()).Element);
    }

    [Theory]
    [InlineData("<status>actual</status>", "alert/status[1]")]
    [InlineData("<status> Actual</status>", "alert/status[1]")]
    [InlineData("<status>1</status>", "alert/status[1]")]
    public void Code_values_are_exact_and_case_sensitive(string status, string element)
    {
        var report = CapSamples.Validate(CapSamples.Alert(header: status + "<msgType>Alert</msgType><scope>Public</scope>"));
        var error = Assert.Single(report.Errors());
        Assert.Equal("structure-value", error.Code);
        Assert.Equal(element, error.Element);
    }

    [Theory]
    [InlineData("2003-06-17T14:57:00Z")]
    [InlineData("2003-06-17T14:57:00")]
    [InlineData("2003-06-17T14:57:00.5-07:00")]
    [InlineData("2003-13-17T14:57:00-07:00")]
    [InlineData("2003-06-17 14:57:00-07:00")]
    public void Sent_without_a_numeric_offset_or_in_another_form_is_refused(string sent)
    {
        var report = CapSamples.Validate(CapSamples.Alert(sent: sent));
        var error = Assert.Single(report.Errors());
        Assert.Equal("alert/sent[1]", error.Element);
        Assert.Equal(CapValidationLayer.Structure, error.Layer);
    }

    [Fact]
    public void Surrounding_white_space_of_a_datetime_is_collapsed_as_xml_schema_does()
    {
        Assert.True(CapSamples.Validate(CapSamples.Alert(sent: " 2003-06-17T14:57:00-07:00\n")).IsStructureValid);
    }

    [Fact]
    public void Attributes_and_text_in_element_only_content_are_refused()
    {
        var xml = CapSamples.Alert().Replace("<identifier>", "<identifier lang=\"en\">", StringComparison.Ordinal)
            .Replace("<scope>Public</scope>", "<scope>Public</scope>stray", StringComparison.Ordinal);
        var codes = CapSamples.Validate(xml).Errors().Select(e => e.Code).Order().ToList();
        Assert.Equal(["structure-attribute", "structure-text"], codes);
    }

    [Fact]
    public void Signature_is_accepted_after_info_but_not_before()
    {
        const string signature = "<Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\"><SignedInfo/></Signature>";
        var after = CapSamples.Alert().Replace("</alert>", signature + "</alert>", StringComparison.Ordinal);
        var before = CapSamples.Alert().Replace("<info>", signature + "<info>", StringComparison.Ordinal);
        Assert.True(CapSamples.Validate(after).IsStructureValid);
        Assert.False(CapSamples.Validate(before).IsStructureValid);
    }

    [Fact]
    public void Foreign_element_is_refused()
    {
        var xml = CapSamples.Alert().Replace("<scope>Public</scope>", "<scope>Public</scope><x xmlns=\"urn:other\"/>", StringComparison.Ordinal);
        Assert.Contains("{urn:other}x", Assert.Single(CapSamples.Validate(xml).Errors()).Element, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_required_info_children_are_each_named()
    {
        const string info = "<info><category>Met</category><event>X</event></info>";
        var elements = CapSamples.Validate(CapSamples.Alert(info: info)).Errors().Select(e => e.Element).ToList();
        Assert.Equal(["alert/info[1]/urgency", "alert/info[1]/severity", "alert/info[1]/certainty"], elements);
    }

    [Fact]
    public void Cap11_document_is_refused_with_the_reason()
    {
        var xml = CapSamples.Alert().Replace("cap:1.2", "cap:1.1", StringComparison.Ordinal);
        var error = Assert.Single(CapSamples.Validate(xml).Errors());
        Assert.Equal("structure-root", error.Code);
        Assert.Contains("CAP 1.1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<altitude>1.5.0</altitude>")]
    [InlineData("<altitude>abc</altitude>")]
    public void Altitude_must_be_a_decimal(string altitude)
    {
        var xml = CapSamples.Alert().Replace("</geocode>", "</geocode>" + altitude, StringComparison.Ordinal);
        Assert.Equal("alert/info[1]/area[1]/altitude[1]", Assert.Single(CapSamples.Validate(xml).Errors()).Element);
    }
}
