namespace Vigil.Alerting.Cap.Authoring;

/// <summary>An alert awaiting approval. <see cref="Alert"/> already passed the structure and Section 3 checks.</summary>
public sealed record CapDraft
{
    public required string Author { get; init; }

    public required CapAlert Alert { get; init; }

    public required DateTimeOffset DraftedAt { get; init; }

    public CapDraftState State { get; init; } = CapDraftState.Pending;

    public string? DecidedBy { get; init; }

    public DateTimeOffset? DecidedAt { get; init; }

    public string? Reason { get; init; }
}
