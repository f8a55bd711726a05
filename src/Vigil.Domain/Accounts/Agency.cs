using Vigil.Domain.Units;

namespace Vigil.Domain.Accounts;

/// <summary>An organisation that owns devices or units: the police, the fire service, the water utility…</summary>
public sealed record Agency(string Id, string Name, UnitKind? UnitKind);
