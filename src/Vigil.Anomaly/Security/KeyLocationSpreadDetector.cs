namespace Vigil.Anomaly.Security;

/// <summary>
/// Flags one device key used from several places at once: more than <c>maxPlaces</c> distinct network origins
/// within <c>window</c>. A fixed sensor talks from one address (two while its modem changes address); a copied key
/// shows up from many. Origins are given as 64-bit hashes so the hot path never allocates; a hash collision can
/// only hide an origin, never invent one. Bounded memory: <c>maxPlaces + 1</c> slots.
/// </summary>
public sealed class KeyLocationSpreadDetector
{
    private readonly ulong[] _origins;
    private readonly long[] _lastSeen;
    private readonly long _windowTicks;

    public KeyLocationSpreadDetector(int maxPlaces = 2, TimeSpan? window = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPlaces, 1);
        var span = window ?? TimeSpan.FromMinutes(10);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(span, TimeSpan.Zero);
        _origins = new ulong[maxPlaces + 1];
        _lastSeen = new long[maxPlaces + 1];
        Array.Fill(_lastSeen, long.MinValue);
        _windowTicks = span.Ticks;
    }

    /// <summary>Records a use of the key from <paramref name="originHash"/>; true when more places than allowed used it within the window.</summary>
    public bool Record(long ticks, ulong originHash)
    {
        var free = -1;
        var oldest = 0;
        var active = 0;
        var known = false;
        for (var i = 0; i < _origins.Length; i++)
        {
            var live = _lastSeen[i] != long.MinValue && ticks - _lastSeen[i] <= _windowTicks;
            if (live && _origins[i] == originHash)
            {
                _lastSeen[i] = ticks;
                known = true;
            }

            if (live)
            {
                active++;
            }
            else if (free < 0)
            {
                free = i;
            }

            if (_lastSeen[i] < _lastSeen[oldest])
            {
                oldest = i;
            }
        }

        if (!known)
        {
            var slot = free >= 0 ? free : oldest;
            _origins[slot] = originHash;
            _lastSeen[slot] = ticks;
            if (free >= 0)
            {
                active++;
            }
        }

        return active > _origins.Length - 1;
    }
}
