namespace Vigil.Server.Security;

public static class AuthSchemes
{
    /// <summary>People: a bearer token when the request carries one, else the browser cookie.</summary>
    public const string User = "user";
    public const string Bearer = "bearer";
    public const string Cookie = "cookie";

    /// <summary>Devices: the X-Api-Key header.</summary>
    public const string DeviceKey = "device-key";
    public const string DeviceKeyHeader = "X-Api-Key";
    public const string DeviceClaim = "vigil:device";

    /// <summary>
    /// The device a request claims to come from (optional, like an MQTT client id). A wrong key under a claimed id
    /// counts as a failed authentication of that device, so a burst of guesses raises a security alarm.
    /// </summary>
    public const string DeviceIdHeader = "X-Device-Id";

    /// <summary>The agency a person works for (UserAccount.AgencyId); decides who sees police-only reports.</summary>
    public const string AgencyClaim = "vigil:agency";
}
