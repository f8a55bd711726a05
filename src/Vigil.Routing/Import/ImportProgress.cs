namespace Vigil.Routing.Import;

/// <summary>Where an import stands: the phase by name and the fraction of it that is done (0..1).</summary>
public readonly record struct ImportProgress(string Phase, double Fraction);
