namespace Vigil.Anomaly.Health;

/// <summary>Settings of <see cref="NeighbourConsensus"/>.</summary>
public sealed record NeighbourOptions
{
    /// <summary>Fewer neighbours than this give no verdict: two sensors cannot outvote a third.</summary>
    public int MinNeighbours { get; init; } = 3;

    /// <summary>Distance from the neighbours' median, in their robust standard deviations, that counts as disagreement.</summary>
    public double Threshold { get; init; } = 5.0;

    /// <summary>
    /// The smallest spread assumed among neighbours, in the quantity's unit, so that neighbours that happen to agree
    /// exactly do not make every small difference a disagreement.
    /// </summary>
    public double MinSpread { get; init; } = 1.0;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MinNeighbours, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Threshold);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MinSpread);
    }
}
