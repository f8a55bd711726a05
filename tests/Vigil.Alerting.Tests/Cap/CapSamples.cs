using System.Text;
using Vigil.Alerting.Cap.Validation;

namespace Vigil.Alerting.Tests.Cap;

/// <summary>Small CAP documents for unit tests, modelled on CAP 1.2 Appendix A.1 (homeland security advisory example).</summary>
internal static class CapSamples
{
    public const string Info = """
          <info>
            <language>en-US</language>
            <category>Met</category>
            <event>SEVERE THUNDERSTORM</event>
            <responseType>Shelter</responseType>
            <urgency>Immediate</urgency>
            <severity>Severe</severity>
            <certainty>Observed</certainty>
            <expires>2003-06-17T16:00:00-07:00</expires>
            <senderName>NATIONAL WEATHER SERVICE SACRAMENTO CA</senderName>
            <headline>SEVERE THUNDERSTORM WARNING</headline>
            <description>AT 254 PM PDT, RADAR INDICATED A SEVERE THUNDERSTORM.</description>
            <instruction>TAKE COVER IN A SUBSTANTIAL SHELTER UNTIL THE STORM PASSES.</instruction>
            <area>
              <areaDesc>EXTREME NORTH CENTRAL TUOLUMNE COUNTY</areaDesc>
              <polygon>38.47,-120.14 38.34,-119.95 38.52,-119.74 38.62,-119.89 38.47,-120.14</polygon>
              <geocode><valueName>SAME</valueName><value>006109</value></geocode>
            </area>
          </info>
        """;

    /// <summary>A complete, valid alert; <paramref name="header"/> replaces everything between sent and info.</summary>
    public static string Alert(
        string header = "<status>Actual</status><msgType>Alert</msgType><scope>Public</scope>",
        string info = Info,
        string identifier = "KSTO1055887203",
        string sent = "2003-06-17T14:57:00-07:00") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
          <identifier>{identifier}</identifier>
          <sender>KSTO@NWS.NOAA.GOV</sender>
          <sent>{sent}</sent>
          {header}
        {info}
        </alert>
        """;

    public static CapValidationReport Validate(string xml, CapProfile profile = CapProfile.None)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(xml));
        return CapValidator.Validate(stream, profile);
    }

    public static List<CapFinding> Errors(this CapValidationReport report) =>
        report.Findings.Where(f => f.Severity == CapFindingSeverity.Error).ToList();
}
