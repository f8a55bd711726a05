using Vigil.Forecasting.Models;

namespace Vigil.Forecasting.Evaluation;

/// <summary>A family's chosen settings, the validation score that chose them (NaN when there was no choice) and a factory.</summary>
public sealed record SelectedModel(ModelFamily Family, string Label, double ValidationPai, Func<IForecastModel> Create)
{
    public string Name => ModelCatalog.NameOf(Family);
}
