namespace Vigil.Domain;

/// <summary>An expected refusal by the domain (an invalid transition, say), with the reason a person can read.</summary>
public sealed record DomainError(string Code, string Message)
{
    public static DomainError InvalidTransition(string entity, object from, object to) =>
        new("invalid_transition", $"{entity} cannot go from {from} to {to}.");
}
