using System.ComponentModel.DataAnnotations;

namespace Vigil.Server.Configuration;

/// <summary>The Open311 GeoReport v2 endpoint for third-party apps (section "Vigil:Open311").</summary>
public sealed class Open311Options
{
    public const string Section = "Vigil:Open311";

    /// <summary>
    /// This city's jurisdiction_id. A request that names another jurisdiction is refused (404); one that names none is
    /// taken to mean this one, as the spec allows for single-jurisdiction endpoints.
    /// </summary>
    [Required]
    [StringLength(100, MinimumLength = 1)]
    public string JurisdictionId { get; set; } = "vigil.city";

    /// <summary>agency_responsible in every request read.</summary>
    [StringLength(200)]
    public string AgencyResponsible { get; set; } = "City operations centre";

    /// <summary>service_notice returned with each accepted request.</summary>
    [StringLength(500)]
    public string ServiceNotice { get; set; } = "Your report is in the operators' queue. Keep the service_request_id to follow it.";

    /// <summary>Requests of any kind one client address may make per minute; a polling app stays far below it.</summary>
    [Range(1, 1_000_000)]
    public int RequestsPerMinutePerAddress { get; set; } = 120;

    /// <summary>Reports one API key may file per minute: a busy city app, not a script filling the queue.</summary>
    [Range(1, 1_000_000)]
    public int SubmissionsPerMinutePerKey { get; set; } = 60;

    /// <summary>
    /// Extra questions per service code (attribute[code] in POST requests), on top of the built-in ones. Each list
    /// replaces the built-in list of that service.
    /// </summary>
    public Dictionary<string, List<Open311AttributeOptions>> Attributes { get; set; } = [];
}

/// <summary>One attribute of a service definition, in the spec's terms.</summary>
public sealed class Open311AttributeOptions
{
    [Required]
    [RegularExpression("^[a-z0-9_]{1,40}$")]
    public string Code { get; set; } = string.Empty;

    /// <summary>string, number, datetime, text, singlevaluelist or multivaluelist.</summary>
    [Required]
    [RegularExpression("^(string|number|datetime|text|singlevaluelist|multivaluelist)$")]
    public string Datatype { get; set; } = "string";

    public bool Required { get; set; }

    [Required]
    [StringLength(300, MinimumLength = 1)]
    public string Description { get; set; } = string.Empty;

    [StringLength(300)]
    public string? DatatypeDescription { get; set; }

    /// <summary>Allowed values of a list attribute: key to display name.</summary>
    public Dictionary<string, string> Values { get; set; } = [];
}
