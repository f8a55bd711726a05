using Vigil.Alerting.Cap.Validation;

namespace Vigil.Alerting.Tests.Cap;

/// <summary>Layer (b): CAP 1.2 Section 3 rules the schema cannot express.</summary>
public sealed class CapRulesTests
{
    private static CapFinding OnlyError(string xml)
    {
        var report = CapSamples.Validate(xml);
        Assert.True(report.IsStructureValid, string.Join("\n", report.Findings));
        return Assert.Single(report.Errors());
    }

    private static string WithPolygon(string polygon) => CapSamples.Alert().Replace(
        "38.47,-120.14 38.34,-119.95 38.52,-119.74 38.62,-119.89 38.47,-120.14", polygon, StringComparison.Ordinal);

    [Theory]
    [InlineData("38.47,-120.14 38.34,-119.95 38.52,-119.74 38.62,-119.89", "not closed")]
    [InlineData("38.47,-120.14 38.34,-119.95 38.47,-120.14", "at least 4")]
    [InlineData("38.47 -120.14 38.34,-119.95 38.52,-119.74 38.47,-120.14", "pair")]
    [InlineData("-120.14,38.47 -119.95,38.34 -119.74,38.52 -120.14,38.47", "lon,lat")]
    public void Polygon_must_be_a_closed_ring_of_four_lat_lon_pairs(string polygon, string reason)
    {
        var error = OnlyError(WithPolygon(polygon));
        Assert.Equal("rules-polygon", error.Code);
        Assert.Equal("alert/info[1]/area[1]/polygon[1]", error.Element);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.True(error.Line > 0);
    }

    [Theory]
    [InlineData("32.9525,-115.5527 0", true)]
    [InlineData("32.9525,-115.5527 10.5", true)]
    [InlineData("32.9525,-115.5527", false)]
    [InlineData("32.9525,-115.5527 -3", false)]
    [InlineData("32.9525 -115.5527 3", false)]
    public void Circle_is_a_point_and_a_radius(string circle, bool valid)
    {
        var xml = CapSamples.Alert().Replace("</polygon>", $"</polygon><circle>{circle}</circle>", StringComparison.Ordinal);
        var report = CapSamples.Validate(xml);
        Assert.Equal(valid, report.IsValid);
        if (!valid)
        {
            Assert.Equal("alert/info[1]/area[1]/circle[1]", Assert.Single(report.Errors()).Element);
        }
    }

    [Fact]
    public void Utc_written_plus_zero_is_refused_and_minus_zero_accepted()
    {
        Assert.Equal("rules-utc-offset", OnlyError(CapSamples.Alert(sent: "2003-06-17T21:57:00+00:00")).Code);
        Assert.True(CapSamples.Validate(CapSamples.Alert(sent: "2003-06-17T21:57:00-00:00")).IsValid);
    }

    [Theory]
    [InlineData("Update")]
    [InlineData("Cancel")]
    public void Update_and_cancel_need_references(string msgType)
    {
        var error = OnlyError(CapSamples.Alert(header: $"<status>Actual</status><msgType>{msgType}</msgType><scope>Public</scope>"));
        Assert.Equal("rules-references-missing", error.Code);
    }

    [Theory]
    [InlineData("KSTO@NWS.NOAA.GOV,KSTO1055887200,2003-06-17T14:50:00-07:00", true)]
    [InlineData("a@b,ID1,2003-06-17T14:50:00-07:00 a@b,ID2,2003-06-17T14:52:00-00:00", true)]
    [InlineData("", false)]
    [InlineData("KSTO@NWS.NOAA.GOV,KSTO1055887200", false)]
    [InlineData("KSTO@NWS.NOAA.GOV,KSTO1055887200,2003-06-17T14:50:00Z", false)]
    [InlineData("a@b,ID1,2003-06-17T14:50:00-07:00,a@b,ID2,2003-06-17T14:52:00-07:00", false)]
    public void References_are_space_separated_sender_identifier_sent_triples(string references, bool valid)
    {
        var header = $"<status>Actual</status><msgType>Update</msgType><scope>Public</scope><references>{references}</references>";
        var report = CapSamples.Validate(CapSamples.Alert(header: header));
        Assert.Equal(valid, report.IsValid);
        if (!valid)
        {
            Assert.Equal("alert/references[1]", Assert.Single(report.Errors()).Element);
        }
    }

    [Theory]
    [InlineData("KSTO 1055887203")]
    [InlineData("KSTO,1055887203")]
    [InlineData("KSTO&amp;1055887203")]
    public void Identifier_must_not_hold_spaces_commas_or_restricted_characters(string identifier)
    {
        Assert.Equal("alert/identifier[1]", OnlyError(CapSamples.Alert(identifier: identifier)).Element);
    }

    [Fact]
    public void Restricted_scope_needs_restriction_and_private_scope_needs_addresses()
    {
        Assert.Equal("rules-restriction", OnlyError(CapSamples.Alert(header: "<status>Actual</status><msgType>Alert</msgType><scope>Restricted</scope>")).Code);
        Assert.Equal("rules-addresses", OnlyError(CapSamples.Alert(header: "<status>Actual</status><msgType>Alert</msgType><scope>Private</scope>")).Code);
    }

    [Fact]
    public void Ceiling_needs_altitude()
    {
        var xml = CapSamples.Alert().Replace("</geocode>", "</geocode><ceiling>5000</ceiling>", StringComparison.Ordinal);
        Assert.Equal("rules-ceiling", OnlyError(xml).Code);
    }

    [Fact]
    public void Long_headline_is_a_warning_not_an_error()
    {
        var xml = CapSamples.Alert().Replace("SEVERE THUNDERSTORM WARNING", new string('H', 170), StringComparison.Ordinal);
        var report = CapSamples.Validate(xml);
        Assert.True(report.IsValid);
        Assert.Equal("rules-headline-length", Assert.Single(report.Findings).Code);
    }
}
