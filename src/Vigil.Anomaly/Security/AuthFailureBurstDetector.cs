namespace Vigil.Anomaly.Security;

/// <summary>
/// Flags a burst of failed authentications for one device key: at least <c>failures</c> within <c>window</c>.
/// A device with a wrong key retries at its reporting cadence; a burst far above that means someone is guessing.
/// Keeps the times of the last <c>failures</c> attempts in a ring, so the test is O(1). The state is a short
/// window and is deliberately not persisted: a restart costs at most one window of history.
/// </summary>
public sealed class AuthFailureBurstDetector
{
    private readonly long[] _times;
    private readonly long _windowTicks;
    private int _next;
    private int _count;

    public AuthFailureBurstDetector(int failures = 10, TimeSpan? window = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 2);
        var span = window ?? TimeSpan.FromMinutes(1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(span, TimeSpan.Zero);
        _times = new long[failures];
        _windowTicks = span.Ticks;
    }

    /// <summary>Records a failed attempt; true when it completes a burst.</summary>
    public bool RecordFailure(long timestampTicks)
    {
        _times[_next] = timestampTicks;
        _next = _next + 1 == _times.Length ? 0 : _next + 1;
        _count = Math.Min(_count + 1, _times.Length);

        // With the ring full, the oldest of the last N failures sits where the next one will be written.
        return _count == _times.Length && timestampTicks - _times[_next] <= _windowTicks;
    }

    /// <summary>A successful authentication ends any run of failures.</summary>
    public void RecordSuccess() => _count = 0;
}
