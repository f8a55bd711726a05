namespace Vigil.Domain.Units;

/// <summary>What a response unit is. Values are persisted: never renumber.</summary>
public enum UnitKind
{
    Police = 1,
    Fire = 2,
    Ems = 3,
    Security = 4,
}
