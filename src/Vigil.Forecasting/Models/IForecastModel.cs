using Vigil.Forecasting.Data;
using Vigil.Forecasting.Grid;

namespace Vigil.Forecasting.Models;

/// <summary>
/// A place-based forecast: a score per grid cell for the window [origin, origin + horizon), higher meaning more
/// expected incidents. Models see only incidents strictly before the origin; the history holds places and times only.
/// </summary>
public interface IForecastModel
{
    string Name { get; }

    /// <summary>Writes one score per cell (length <see cref="ForecastGrid.CellCount"/>).</summary>
    void Forecast(IncidentSet history, ForecastGrid grid, double originDay, double horizonDays, Span<double> scores);
}
