using Vigil.Forecasting.Data;
using Vigil.Forecasting.Grid;
using Vigil.Forecasting.Models;

namespace Vigil.Forecasting.Evaluation;

/// <summary>
/// Chooses each family's settings on a validation period that ends where the evaluation begins, so the scored
/// windows (and any held-back later data) never inform the choice. The criterion is the mean PAI over the NIJ
/// area sizes (0.25, 0.5, 0.75 sq mi); every family, the plain-KDE baseline included, gets the same treatment.
/// </summary>
public static class ModelSelection
{
    public static SelectedModel Select(
        ModelFamily family,
        IncidentSet incidents,
        ForecastGrid grid,
        double validationFromDay,
        double validationToDay,
        double horizonDays,
        double metresPerUnit,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        if (family == ModelFamily.Ensemble)
        {
            var kde = Select(ModelFamily.Kde, incidents, grid, validationFromDay, validationToDay, horizonDays, metresPerUnit, cancellationToken);
            var decay = Select(ModelFamily.KdeDecay, incidents, grid, validationFromDay, validationToDay, horizonDays, metresPerUnit, cancellationToken);
            var hawkes = Select(ModelFamily.Hawkes, incidents, grid, validationFromDay, validationToDay, horizonDays, metresPerUnit, cancellationToken);

            // Equal weights, fixed in advance: with a few dozen validation windows, learned weights would mostly fit noise.
            IForecastModel Build() => new EnsembleModel([kde.Create(), decay.Create(), hawkes.Create()], [1.0 / 3, 1.0 / 3, 1.0 / 3]);
            return new SelectedModel(family, $"1/3 each of kde ({kde.Label}), kde-decay ({decay.Label}), hawkes ({hawkes.Label})", double.NaN, Build);
        }

        var candidates = ModelCatalog.Candidates(family, metresPerUnit);
        if (candidates.Count == 1)
        {
            return new SelectedModel(family, candidates[0].Label, double.NaN, candidates[0].Create);
        }

        var options = new BacktestOptions
        {
            FirstOriginDay = validationFromDay,
            EndDay = validationToDay,
            HorizonDays = horizonDays,
            Areas = [AreaTarget.Miles(0.25), AreaTarget.Miles(0.5), AreaTarget.Miles(0.75)],
            CurveFractions = [],
            MetresPerUnit = metresPerUnit,
        };
        var best = -1;
        var bestScore = double.NegativeInfinity;
        for (var c = 0; c < candidates.Count; c++)
        {
            var result = RollingOriginBacktest.Run(incidents, grid, candidates[c].Create(), string.Empty, options, cancellationToken: cancellationToken);
            var score = 0.0;
            foreach (var area in result.Areas)
            {
                score += area.MeanPai / result.Areas.Count;
            }

            if (score > bestScore)
            {
                bestScore = score;
                best = c;
            }
        }

        return new SelectedModel(family, candidates[best].Label, bestScore, candidates[best].Create);
    }
}
