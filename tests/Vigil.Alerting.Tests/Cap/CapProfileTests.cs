using Vigil.Testing;
using Vigil.Alerting.Cap.Validation;

namespace Vigil.Alerting.Tests.Cap;

/// <summary>Layer (c): the Google Public Alerts and IPAWS v1.0 profiles.</summary>
public sealed class CapProfileTests
{
    [Fact]
    public void Sample_meets_the_google_requirements()
    {
        var report = CapSamples.Validate(CapSamples.Alert(), CapProfile.Google);
        Assert.True(report.IsValid, string.Join("\n", report.Findings));
    }

    [Fact]
    public void Google_requires_expires()
    {
        var xml = CapSamples.Alert().Replace("<expires>2003-06-17T16:00:00-07:00</expires>", string.Empty, StringComparison.Ordinal);
        Assert.True(CapSamples.Validate(xml).IsValid);
        var error = Assert.Single(CapSamples.Validate(xml, CapProfile.Google).Errors());
        Assert.Equal("google-expires", error.Code);
        Assert.Equal(CapValidationLayer.Profile, error.Layer);
    }

    [Theory]
    [InlineData(139, true)]
    [InlineData(140, false)]
    public void Google_headline_must_be_under_140_characters(int length, bool valid)
    {
        var xml = CapSamples.Alert().Replace("SEVERE THUNDERSTORM WARNING", new string('H', length), StringComparison.Ordinal);
        Assert.Equal(valid, CapSamples.Validate(xml, CapProfile.Google).IsValid);
    }

    [Fact]
    public void Google_requires_a_located_area()
    {
        var xml = CapSamples.Alert()
            .Replace("<polygon>38.47,-120.14 38.34,-119.95 38.52,-119.74 38.62,-119.89 38.47,-120.14</polygon>", string.Empty, StringComparison.Ordinal)
            .Replace("<geocode><valueName>SAME</valueName><value>006109</value></geocode>", string.Empty, StringComparison.Ordinal);
        Assert.Equal("google-area", Assert.Single(CapSamples.Validate(xml, CapProfile.Google).Errors()).Code);
    }

    [Fact]
    public void Ipaws_requires_profile_code_and_same_event_code()
    {
        var codes = CapSamples.Validate(CapSamples.Alert(), CapProfile.Ipaws).Errors().Select(e => e.Code).Order().ToList();
        Assert.Equal(["ipaws-code", "ipaws-eventcode"], codes);

        var header = "<status>Actual</status><msgType>Alert</msgType><scope>Public</scope><code>IPAWSv1.0</code>";
        var info = CapSamples.Info.Replace("<expires>", "<eventCode><valueName>SAME</valueName><value>SVR</value></eventCode><expires>", StringComparison.Ordinal);
        var report = CapSamples.Validate(CapSamples.Alert(header: header, info: info), CapProfile.Ipaws);
        Assert.True(report.IsValid, string.Join("\n", report.Findings));
    }

    [DataFact("cap/examples/oasiscap__ipaws-5e6dd9de023f1930ef6548d9.xml")]
    public void Real_ipaws_alert_meets_the_ipaws_profile()
    {
        using var stream = File.OpenRead(Vigil.Testing.TestData.PathTo("cap/examples/oasiscap__ipaws-5e6dd9de023f1930ef6548d9.xml"));
        var report = CapValidator.Validate(stream, CapProfile.Ipaws);
        Assert.True(report.Errors().Count == 0, string.Join("\n", report.Findings));
    }
}
