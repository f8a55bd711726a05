using System.ComponentModel.DataAnnotations;

namespace Vigil.Platform.Configuration;

/// <summary>
/// How residents' personal data is protected (section "Vigil:Privacy"). Contact keys come from configuration
/// (ContactKeys: id → base64 AES-256 key, with WriteKeyId) or from a key file that <c>vigil keys</c> writes; with
/// neither, the server creates a key file in its data folder on first start.
/// </summary>
public sealed class PrivacyOptions
{
    public const string Section = "Vigil:Privacy";

    public Dictionary<string, string> ContactKeys { get; set; } = [];

    public string? WriteKeyId { get; set; }

    /// <summary>Key file path; empty means {DataDirectory}/keys/contact-keys.json.</summary>
    public string? KeyFile { get; set; }

    /// <summary>Days a resolved or dismissed report keeps its personal data before the retention pass removes it.</summary>
    [Range(1, 3650)]
    public int ClosedReportDays { get; set; } = 180;

    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Agencies (user AgencyId) whose members see suspicious-activity tips; nobody else does.</summary>
    [MinLength(1)]
    public string[] PoliceAgencies { get; set; } = ["police"];
}
