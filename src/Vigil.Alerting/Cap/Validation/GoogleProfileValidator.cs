namespace Vigil.Alerting.Cap.Validation;

/// <summary>
/// Layer (c), Google Public Alerts: the elements Google requires although CAP makes them optional, so that an alert can be
/// placed on the map and ranked: at least one info block, an expiry, a located area (polygon, circle or geocode) and a
/// headline under 140 characters; plus warnings for its recommendations (short event names, no Unknown urgency,
/// a description, an instruction with each response type).
/// </summary>
public static class GoogleProfileValidator
{
    public const int HeadlineMaxLength = 140;

    public const int EventAdvisoryLength = 35;

    public static void Validate(CapAlert alert, List<CapFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(findings);
        if (alert.Infos.Count == 0 && alert.MsgType != CapMsgType.Cancel)
        {
            findings.Add(Error("google-info", "alert/info", "Google Public Alerts requires at least one info block."));
        }

        for (var i = 0; i < alert.Infos.Count; i++)
        {
            var info = alert.Infos[i];
            var path = $"alert/info[{i + 1}]";
            if (info.Expires is null)
            {
                findings.Add(Error("google-expires", path + "/expires", "Google Public Alerts requires expires."));
            }

            if (string.IsNullOrWhiteSpace(info.Headline))
            {
                findings.Add(Error("google-headline", path + "/headline", "Google Public Alerts requires a headline."));
            }
            else if (info.Headline.Length >= HeadlineMaxLength)
            {
                findings.Add(Error("google-headline", path + "/headline[1]", $"headline is {info.Headline.Length} characters; Google requires fewer than {HeadlineMaxLength}."));
            }

            if (!HasLocatedArea(info))
            {
                findings.Add(Error("google-area", path + "/area", "Google Public Alerts requires an area with a polygon, a circle or a geocode."));
            }

            if (info.Event.Length >= EventAdvisoryLength)
            {
                findings.Add(Warning("google-event-length", path + "/event[1]", $"event is {info.Event.Length} characters; Google asks for fewer than {EventAdvisoryLength}."));
            }

            if (info.Urgency == CapUrgency.Unknown)
            {
                findings.Add(Warning("google-urgency", path + "/urgency[1]", "Google asks not to use urgency Unknown: it cannot rank such alerts."));
            }

            if (string.IsNullOrWhiteSpace(info.Description))
            {
                findings.Add(Warning("google-description", path + "/description", "Google recommends a description."));
            }
            else if (info.Headline is not null && string.Equals(info.Headline.Trim(), info.Description.Trim(), StringComparison.Ordinal))
            {
                findings.Add(Warning("google-description", path + "/description[1]", "description repeats the headline."));
            }

            if (info.ResponseTypes.Count > 0 && string.IsNullOrWhiteSpace(info.Instruction))
            {
                findings.Add(Warning("google-instruction", path + "/instruction", "Google recommends an instruction matching the responseType."));
            }
        }
    }

    private static bool HasLocatedArea(CapInfo info)
    {
        foreach (var area in info.Areas)
        {
            if (area.Polygons.Count > 0 || area.Circles.Count > 0 || area.Geocodes.Count > 0)
            {
                return true;
            }
        }

        return false;
    }

    private static CapFinding Error(string code, string element, string message) =>
        new(CapValidationLayer.Profile, CapFindingSeverity.Error, code, element, 0, message);

    private static CapFinding Warning(string code, string element, string message) =>
        new(CapValidationLayer.Profile, CapFindingSeverity.Warning, code, element, 0, message);
}
