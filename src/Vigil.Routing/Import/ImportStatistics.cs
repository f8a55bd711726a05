namespace Vigil.Routing.Import;

/// <summary>What an import read and kept.</summary>
public sealed record ImportStatistics
{
    public long WaysRead { get; init; }

    /// <summary>Ways the profile may use: drivable ones for a car, walkable ones on foot.</summary>
    public long DrivableWays { get; init; }

    public long NodesReferenced { get; init; }

    public long NodesMissing { get; init; }

    public int RestrictionsRead { get; init; }

    public int RestrictionsApplied { get; init; }

    /// <summary>Arcs dropped because they lie outside the largest strongly connected component of the turn graph.</summary>
    public int ArcsOutsideLargestComponent { get; init; }

    public int Nodes { get; init; }

    public int Edges { get; init; }

    public int Arcs { get; init; }

    public int Turns { get; init; }
}
