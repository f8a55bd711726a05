namespace Vigil.Alerting.Cap.Validation;

/// <summary>
/// Layer (c), IPAWS: the CAP v1.2 USA IPAWS Profile v1.0 requirements that IPAWS-OPEN enforces on every message:
/// the profile code, an expiry, SAME event codes and SAME (6-digit FIPS) location geocodes, and the 90-character
/// limit of the WEA <c>CMAMtext</c> parameter.
/// </summary>
public static class IpawsProfileValidator
{
    public const string ProfileCode = "IPAWSv1.0";

    public const int CmamTextMaxLength = 90;

    public static void Validate(CapAlert alert, List<CapFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(findings);
        if (!Contains(alert.Codes, ProfileCode))
        {
            findings.Add(Error("ipaws-code", "alert/code", $"IPAWS requires <code>{ProfileCode}</code> to declare the profile."));
        }

        if (alert.MsgType is CapMsgType.Alert or CapMsgType.Update && alert.Infos.Count == 0)
        {
            findings.Add(Error("ipaws-info", "alert/info", "IPAWS alerts and updates need at least one info block."));
        }

        for (var i = 0; i < alert.Infos.Count; i++)
        {
            var info = alert.Infos[i];
            var path = $"alert/info[{i + 1}]";
            if (info.Expires is null)
            {
                findings.Add(Error("ipaws-expires", path + "/expires", "IPAWS requires expires in every info block."));
            }

            if (!HasSameEventCode(info))
            {
                findings.Add(Error("ipaws-eventcode", path + "/eventCode", "IPAWS requires an eventCode with valueName SAME and a three-letter SAME event code."));
            }

            if (!HasValue(info.Parameters, "EAS-ORG"))
            {
                findings.Add(Warning("ipaws-eas-org", path + "/parameter", "No EAS-ORG parameter: EAS dissemination needs the originator code (PEP, CIV, WXR or EAS)."));
            }

            for (var p = 0; p < info.Parameters.Count; p++)
            {
                var parameter = info.Parameters[p];
                if (parameter.ValueName == "CMAMtext" && parameter.Value.Length > CmamTextMaxLength)
                {
                    findings.Add(Error("ipaws-cmamtext", $"{path}/parameter[{p + 1}]", $"CMAMtext is {parameter.Value.Length} characters; WEA allows {CmamTextMaxLength}."));
                }
            }

            if (info.Areas.Count == 0)
            {
                findings.Add(Error("ipaws-area", path + "/area", "IPAWS requires at least one area."));
            }

            for (var a = 0; a < info.Areas.Count; a++)
            {
                if (!HasSameGeocode(info.Areas[a]))
                {
                    findings.Add(Error("ipaws-geocode", $"{path}/area[{a + 1}]/geocode", "IPAWS requires a geocode with valueName SAME and a 6-digit SAME/FIPS location code in every area."));
                }
            }
        }
    }

    private static bool HasSameEventCode(CapInfo info)
    {
        foreach (var code in info.EventCodes)
        {
            if (code.ValueName == "SAME" && code.Value.Length == 3 && IsAsciiLettersOrDigits(code.Value))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasSameGeocode(CapArea area)
    {
        foreach (var code in area.Geocodes)
        {
            if (code.ValueName == "SAME" && code.Value.Length == 6 && IsDigits(code.Value))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasValue(IReadOnlyList<CapValuePair> pairs, string name)
    {
        foreach (var pair in pairs)
        {
            if (pair.ValueName == name)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Contains(IReadOnlyList<string> values, string value)
    {
        foreach (var v in values)
        {
            if (v.Trim() == value)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsDigits(string s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAsciiLettersOrDigits(string s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static CapFinding Error(string code, string element, string message) =>
        new(CapValidationLayer.Profile, CapFindingSeverity.Error, code, element, 0, message);

    private static CapFinding Warning(string code, string element, string message) =>
        new(CapValidationLayer.Profile, CapFindingSeverity.Warning, code, element, 0, message);
}
