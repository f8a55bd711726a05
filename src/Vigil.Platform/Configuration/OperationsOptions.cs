using System.ComponentModel.DataAnnotations;

namespace Vigil.Platform.Configuration;

/// <summary>Correlation and escalation (section "Vigil:Operations").</summary>
public sealed class OperationsOptions
{
    public const string Section = "Vigil:Operations";

    [Range(1, 100_000)]
    public double CorrelationRadiusMetres { get; set; } = 1000;

    public TimeSpan CorrelationWindow { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>An active alarm nobody acknowledged within this time escalates one severity step, and again after each further period.</summary>
    public TimeSpan EscalateAfter { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan EscalationCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Incident types that are one event on the ground, as comma-separated groups ("gunshot,crowd-running").</summary>
    public List<string> RelatedIncidentTypes { get; set; } = ["fire,power-fault", "fire,pollution", "gunshot,crowd-running,panic"];
}
