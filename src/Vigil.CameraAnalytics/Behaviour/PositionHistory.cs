namespace Vigil.CameraAnalytics.Behaviour;

/// <summary>Ring buffer of a track's recent ground positions, for speeds over a time window rather than frame to frame.</summary>
internal sealed class PositionHistory
{
    private const int Capacity = 128;
    private readonly long[] _ticks = new long[Capacity];
    private readonly double[] _x = new double[Capacity];
    private readonly double[] _y = new double[Capacity];
    private int _head;
    private int _count;

    public void Clear()
    {
        _head = 0;
        _count = 0;
    }

    public void Add(DateTimeOffset time, double x, double y)
    {
        _ticks[_head] = time.UtcTicks;
        _x[_head] = x;
        _y[_head] = y;
        _head = (_head + 1) % Capacity;
        _count = Math.Min(_count + 1, Capacity);
    }

    /// <summary>
    /// Mean velocity (units per second) between the newest sample and the newest one at least <paramref name="window"/>
    /// older; false until the history spans the window.
    /// </summary>
    public bool TryVelocity(DateTimeOffset now, TimeSpan window, out double vx, out double vy)
    {
        vx = vy = 0;
        if (_count < 2)
        {
            return false;
        }

        var newest = (_head - 1 + Capacity) % Capacity;
        var cutoff = now.UtcTicks - window.Ticks;
        for (var k = 1; k < _count; k++)
        {
            var i = (_head - 1 - k + (2 * Capacity)) % Capacity;
            if (_ticks[i] <= cutoff)
            {
                var dt = (_ticks[newest] - _ticks[i]) / (double)TimeSpan.TicksPerSecond;
                if (dt <= 0)
                {
                    return false;
                }

                vx = (_x[newest] - _x[i]) / dt;
                vy = (_y[newest] - _y[i]) / dt;
                return true;
            }
        }

        return false;
    }
}
