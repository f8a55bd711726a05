namespace Vigil.Alerting.Cap;

/// <summary>CAP 1.2 §3.2.2 <c>info</c>: the event, its urgency, severity and certainty, and the text for one language.</summary>
public sealed record CapInfo
{
    /// <summary>RFC 3066 language tag; absent means "en-US".</summary>
    public string? Language { get; init; }

    public required IReadOnlyList<CapCategory> Categories { get; init; }

    public required string Event { get; init; }

    public IReadOnlyList<CapResponseType> ResponseTypes { get; init; } = [];

    public required CapUrgency Urgency { get; init; }

    public required CapSeverity Severity { get; init; }

    public required CapCertainty Certainty { get; init; }

    public string? Audience { get; init; }

    public IReadOnlyList<CapValuePair> EventCodes { get; init; } = [];

    public DateTimeOffset? Effective { get; init; }

    public DateTimeOffset? Onset { get; init; }

    public DateTimeOffset? Expires { get; init; }

    public string? SenderName { get; init; }

    public string? Headline { get; init; }

    public string? Description { get; init; }

    public string? Instruction { get; init; }

    public string? Web { get; init; }

    public string? Contact { get; init; }

    public IReadOnlyList<CapValuePair> Parameters { get; init; } = [];

    public IReadOnlyList<CapResource> Resources { get; init; } = [];

    public IReadOnlyList<CapArea> Areas { get; init; } = [];
}
