namespace Vigil.Anomaly.Health;

/// <summary>
/// Compares a sensor with nearby sensors of the same quantity: far from the neighbours' median, in units of their
/// median absolute deviation, means the sensor is probably wrong, since a real event (smoke, a flood) reaches
/// the neighbours too. Median and MAD keep one broken neighbour from moving the reference. Stateless: the caller
/// supplies the neighbours' latest readings (at most 64, which is more than a useful neighbourhood).
/// </summary>
public sealed class NeighbourConsensus
{
    private const double MadToSigma = 1.4826;
    private const int MaxNeighbours = 64;
    private readonly NeighbourOptions _options;

    public NeighbourConsensus(NeighbourOptions? options = null)
    {
        _options = options ?? new NeighbourOptions();
        _options.Validate();
    }

    public NeighbourOptions Options => _options;

    public NeighbourVerdict Evaluate(double value, ReadOnlySpan<double> neighbours)
    {
        var count = Math.Min(neighbours.Length, MaxNeighbours);
        Span<double> sorted = stackalloc double[MaxNeighbours];
        var n = 0;
        for (var i = 0; i < count; i++)
        {
            if (double.IsFinite(neighbours[i]))
            {
                sorted[n++] = neighbours[i];
            }
        }

        if (n < _options.MinNeighbours || !double.IsFinite(value))
        {
            return default;
        }

        var values = sorted[..n];
        values.Sort();
        var median = MedianOfSorted(values);
        for (var i = 0; i < n; i++)
        {
            values[i] = Math.Abs(values[i] - median);
        }

        values.Sort();
        var spread = Math.Max(MadToSigma * MedianOfSorted(values), _options.MinSpread);
        var score = Math.Abs(value - median) / spread;
        return new NeighbourVerdict(true, median, spread, score, score > _options.Threshold);
    }

    private static double MedianOfSorted(ReadOnlySpan<double> sorted)
    {
        var mid = sorted.Length / 2;
        return (sorted.Length & 1) == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
