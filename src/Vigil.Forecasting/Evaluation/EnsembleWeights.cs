namespace Vigil.Forecasting.Evaluation;

/// <summary>Weights chosen by <see cref="EnsembleSelection"/> (summing to 1), their inner mean PAI and the steps kept.</summary>
public sealed record EnsembleWeights(IReadOnlyList<double> Weights, double InnerPai, int Steps);
