namespace Vigil.Routing.Analysis;

/// <summary>The stretch of an edge between two fractions of its length (0 = first shape point, 1 = last).</summary>
public readonly record struct RoadPiece(int Edge, double From, double To);
