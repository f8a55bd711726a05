using Vigil.Forecasting.Data;
using Vigil.Forecasting.Grid;

namespace Vigil.Forecasting.Safeguards;

/// <summary>
/// Watches successive forecasts for the runaway loop of Ensign et al. (2018): cells that stay flagged forecast after
/// forecast while their own recent incidents would no longer put them among the flagged. Patrols sent to flagged
/// cells record more incidents there, so persistence that recent reports do not explain is the signal to review.
/// A flagged cell is "unexplained" when it has been flagged in at least <c>persistence</c> consecutive forecasts and
/// its incident count over the last <c>recentDays</c> is below half that of the k-th busiest city cell over the same
/// days (at least one incident): half, because sparse categories leave even true hotspots with a quiet quarter.
/// </summary>
public sealed class FeedbackLoopMonitor
{
    private readonly ForecastGrid _grid;
    private readonly int _persistence;
    private readonly double _recentDays;
    private readonly double _warnShare;
    private readonly int[] _run;
    private readonly int[] _recent;
    private int[] _previous = [];

    public FeedbackLoopMonitor(ForecastGrid grid, int persistence = 8, double recentDays = 180, double warnShare = 0.25)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentOutOfRangeException.ThrowIfLessThan(persistence, 2);
        _grid = grid;
        _persistence = persistence;
        _recentDays = recentDays;
        _warnShare = warnShare;
        _run = new int[grid.CellCount];
        _recent = new int[grid.CellCount];
    }

    /// <summary>Records one forecast's flagged cells (issued at <paramref name="originDay"/>) and checks them.</summary>
    public FeedbackLoopStatus Observe(double originDay, ReadOnlySpan<int> flagged, IncidentSet incidents)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        var now = new bool[_grid.CellCount];
        foreach (var cell in flagged)
        {
            now[cell] = true;
        }

        foreach (var cell in _previous)
        {
            if (!now[cell])
            {
                _run[cell] = 0;
            }
        }

        foreach (var cell in flagged)
        {
            _run[cell]++;
        }

        _previous = flagged.ToArray();
        Evaluation.HotspotRanking.CountCells(incidents, _grid, originDay - _recentDays, originDay, _recent);
        var sorted = Evaluation.HotspotRanking.SortedCounts(_grid, _recent);
        var k = Math.Min(flagged.Length, sorted.Length);
        var bar = Math.Max(1, (k > 0 ? sorted[k - 1] : 0) / 2);
        int persistent = 0, unexplained = 0;
        foreach (var cell in flagged)
        {
            if (_run[cell] < _persistence)
            {
                continue;
            }

            persistent++;
            if (_recent[cell] < bar)
            {
                unexplained++;
            }
        }

        var share = flagged.Length > 0 ? (double)unexplained / flagged.Length : 0;
        var warn = share > _warnShare;
        var message = warn
            ? FormattableString.Invariant($"{unexplained} of {flagged.Length} flagged cells ({share:P0}) have been flagged {_persistence}+ forecasts in a row although their last {_recentDays:0} days of incidents would not flag them: review for a patrol feedback loop before acting.")
            : FormattableString.Invariant($"{unexplained} of {flagged.Length} flagged cells stay flagged beyond what their last {_recentDays:0} days of incidents explain (warning above {_warnShare:P0}).");
        return new FeedbackLoopStatus(originDay, flagged.Length, persistent, unexplained, warn, message);
    }
}
