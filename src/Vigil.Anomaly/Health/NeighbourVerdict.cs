namespace Vigil.Anomaly.Health;

/// <summary>How one sensor's reading compares with its neighbours' readings of the same quantity.</summary>
/// <param name="HasVerdict">False when there were too few neighbours to judge.</param>
/// <param name="Median">The neighbours' median.</param>
/// <param name="Spread">Their robust standard deviation (1.4826 MAD, at least the configured floor).</param>
/// <param name="Score">Distance of the reading from the median in spreads.</param>
/// <param name="Disagrees">True when the score exceeds the threshold.</param>
public readonly record struct NeighbourVerdict(bool HasVerdict, double Median, double Spread, double Score, bool Disagrees)
{
    /// <summary>Lower edge of the band the neighbours support.</summary>
    public double ExpectedLow(double threshold) => Median - (threshold * Spread);

    /// <summary>Upper edge of the band the neighbours support.</summary>
    public double ExpectedHigh(double threshold) => Median + (threshold * Spread);
}
