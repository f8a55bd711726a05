namespace Vigil.Routing.Traffic;

/// <summary>
/// An observed speed on one road edge (both directions), in km/h. Zero closes the edge: it then costs
/// <see cref="RoutingEngine.ClosedWeightMs"/>, so routes avoid it whenever any other way exists.
/// </summary>
public readonly record struct EdgeSpeed(int Edge, double Kmh);
