using Vigil.Forecasting.Data;
using Vigil.Forecasting.Grid;

namespace Vigil.Forecasting.Models;

/// <summary>
/// Model (d): a weighted mean of member surfaces, each first scaled to unit mass over the city so that members on
/// different scales (counts, densities, expected counts) mix by share of risk rather than by magnitude.
/// </summary>
public sealed class EnsembleModel : IForecastModel
{
    private readonly IForecastModel[] _members;
    private readonly double[] _weights;

    public EnsembleModel(IReadOnlyList<IForecastModel> members, IReadOnlyList<double> weights, string name = "ensemble")
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(weights);
        if (members.Count == 0 || members.Count != weights.Count)
        {
            throw new ArgumentException("An ensemble needs one weight per member and at least one member.", nameof(weights));
        }

        _members = [.. members];
        _weights = [.. weights];
        Name = name;
    }

    public string Name { get; }

    public IReadOnlyList<IForecastModel> Members => _members;

    public IReadOnlyList<double> Weights => _weights;

    public void Forecast(IncidentSet history, ForecastGrid grid, double originDay, double horizonDays, Span<double> scores)
    {
        ArgumentNullException.ThrowIfNull(grid);
        scores.Clear();
        SurfaceMixture.Add(_members, _weights, history, grid, originDay, horizonDays, scores);
    }
}
