namespace Vigil.CameraAnalytics.Behaviour;

/// <summary>
/// Two-threshold (Schmitt trigger) stationary detector for one track: entering needs the bottom centre to stay inside a
/// small radius for a settle time, leaving needs it to stay outside a three times larger radius for an exit time.
/// Box jitter smaller than the exit radius, or shorter than the exit time, cannot toggle the state.
/// </summary>
internal struct StationaryFilter
{
    private bool _initialised;
    private double _anchorX;
    private double _anchorY;
    private DateTimeOffset _candidateSince;
    private DateTimeOffset? _exitSince;

    public bool IsStationary { get; private set; }

    public DateTimeOffset StationarySince { get; private set; }

    /// <summary>Counts stationary episodes of this track, so each can alert at most once.</summary>
    public int Episode { get; private set; }

    public readonly double AnchorX => _anchorX;

    public readonly double AnchorY => _anchorY;

    public void Update(double x, double y, double boxHeight, DateTimeOffset time, StationaryOptions options)
    {
        if (!_initialised)
        {
            _initialised = true;
            _anchorX = x;
            _anchorY = y;
            _candidateSince = time;
            return;
        }

        var scale = Math.Max(boxHeight, 1);
        var r = Math.Sqrt(((x - _anchorX) * (x - _anchorX)) + ((y - _anchorY) * (y - _anchorY))) / scale;
        if (!IsStationary)
        {
            if (r > options.EnterRadius)
            {
                _anchorX = x;
                _anchorY = y;
                _candidateSince = time;
            }
            else if (time - _candidateSince >= options.SettleTime)
            {
                IsStationary = true;
                StationarySince = _candidateSince;
                Episode++;
                _exitSince = null;
            }

            return;
        }

        if (r <= options.ExitRadius)
        {
            _exitSince = null;
            return;
        }

        _exitSince ??= time;
        if (time - _exitSince.Value >= options.ExitTime)
        {
            IsStationary = false;
            _anchorX = x;
            _anchorY = y;
            _candidateSince = time;
            _exitSince = null;
        }
    }
}
