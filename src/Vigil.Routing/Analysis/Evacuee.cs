using Vigil.Routing.Geo;
using Vigil.Routing.Search;

namespace Vigil.Routing.Analysis;

/// <summary>One road node inside the hazard with its route to the nearest reachable shelter (index into the shelters given).</summary>
public sealed record Evacuee(int Node, GeoPoint Position, int Shelter, Route Route);
