using Vigil.Forecasting.Data;
using Vigil.Forecasting.Grid;

namespace Vigil.Forecasting.Models;

/// <summary>
/// Model (b): Gaussian kernel density of past incidents (the hotspot-mapping standard, Chainey, Tompson and Uhlig 2008),
/// plain or with exponential time decay exp(-age / tau) so recent incidents weigh more (the "prospective" hotspot idea of
/// Bowers, Johnson and Pease 2004). Evaluated on the grid by a cell-integrated separable Gaussian.
/// </summary>
public sealed class KernelDensityModel : IForecastModel
{
    private readonly double _bandwidth;
    private readonly double? _decayDays;
    private readonly double? _lookbackDays;

    /// <param name="bandwidth">Kernel standard deviation in the grid's unit; 0 for raw cell counts (no smoothing).</param>
    /// <param name="decayDays">Time constant tau of the decay; null for the plain (unweighted) KDE.</param>
    /// <param name="lookbackDays">Only incidents this recent count; null for all history.</param>
    public KernelDensityModel(double bandwidth, double? decayDays = null, double? lookbackDays = null)
    {
        if (!(bandwidth >= 0) || !double.IsFinite(bandwidth))
        {
            throw new ArgumentOutOfRangeException(nameof(bandwidth), bandwidth, "Bandwidth must be zero or positive.");
        }

        if (decayDays is not null && !(decayDays > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(decayDays), decayDays, "Decay time must be positive.");
        }

        _bandwidth = bandwidth;
        _decayDays = decayDays;
        _lookbackDays = lookbackDays;
    }

    public string Name => _decayDays is null ? "kde" : "kde-decay";

    public double Bandwidth => _bandwidth;

    public double? DecayDays => _decayDays;

    public void Forecast(IncidentSet history, ForecastGrid grid, double originDay, double horizonDays, Span<double> scores)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(grid);
        scores.Clear();
        var end = history.LowerBound(originDay);
        var start = _lookbackDays is { } lb ? history.LowerBound(originDay - lb) : 0;
        var x = history.X;
        var y = history.Y;
        var t = history.Days;
        for (var i = start; i < end; i++)
        {
            var cell = grid.CellOf(x[i], y[i]);
            if (cell >= 0)
            {
                scores[cell] += _decayDays is { } tau ? Math.Exp(-(originDay - t[i]) / tau) : 1.0;
            }
        }

        GaussianSmoother.Smooth(scores, grid.Columns, grid.Rows, _bandwidth / grid.CellSize);
    }
}
