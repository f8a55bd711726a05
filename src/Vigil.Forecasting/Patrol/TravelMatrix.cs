namespace Vigil.Forecasting.Patrol;

/// <summary>
/// Travel times between the points of a plan, row-major (<c>[from * Count + to]</c>), in any one unit (seconds by road,
/// grid units for a straight-line plan). Rows may differ from columns, as one-way streets make them; a pair with no
/// route is <see cref="double.PositiveInfinity"/>. The planner reads only this, so it never needs to know how the
/// times were found.
/// </summary>
public sealed class TravelMatrix
{
    /// <summary>Times from a road router (the routing engine's travel times on the street network).</summary>
    public const string Road = "road";

    /// <summary>Times from a walking router (the routing engine on footways, paths and streets, both ways along each).</summary>
    public const string Footpath = "footpath";

    /// <summary>Straight-line distance over a constant speed: a labelled fallback for when no road network is loaded.</summary>
    public const string StraightLine = "straight line";

    private readonly double[] _times;

    public TravelMatrix(int count, double[] times, string model)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(times);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        if (times.Length != count * count)
        {
            throw new ArgumentException($"A matrix of {count} points needs {count * count} times, not {times.Length}.", nameof(times));
        }

        foreach (var t in times)
        {
            if (!(t >= 0))
            {
                throw new ArgumentException("Travel times must be non-negative (infinity where there is no route).", nameof(times));
            }
        }

        Count = count;
        _times = times;
        Model = model;
    }

    public int Count { get; }

    /// <summary><see cref="Road"/> or <see cref="StraightLine"/>, for the plan to say which it used.</summary>
    public string Model { get; }

    public double this[int from, int to] => _times[(from * Count) + to];

    /// <summary>Euclidean distances between the points divided by <paramref name="speed"/> (units per time unit).</summary>
    public static TravelMatrix FromStraightLines(IReadOnlyList<(double X, double Y)> points, double speed)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (!(speed > 0) || double.IsInfinity(speed))
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "The speed must be positive and finite.");
        }

        var n = points.Count;
        var times = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var dx = points[i].X - points[j].X;
                var dy = points[i].Y - points[j].Y;
                times[(i * n) + j] = Math.Sqrt((dx * dx) + (dy * dy)) / speed;
            }
        }

        return new TravelMatrix(n, times, StraightLine);
    }
}
