namespace Vigil.Routing.Search;

/// <summary>A search start: vertex (road arc), its initial cost in ms, and the arc the snapped point lies on.</summary>
internal readonly record struct Seed(int Arc, int Offset, int OnArc);
