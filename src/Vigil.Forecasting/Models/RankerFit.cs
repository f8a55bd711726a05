namespace Vigil.Forecasting.Models;

/// <summary>
/// One learning of <see cref="RankerModel"/>: the objective kept, its coefficients on the standardised features
/// (intercept first, then in <see cref="FeatureNames"/> order), and each tried objective's inner mean PAI.
/// </summary>
public sealed record RankerFit(
    RankerObjective Objective,
    IReadOnlyList<double> Coefficients,
    IReadOnlyList<string> FeatureNames,
    IReadOnlyDictionary<RankerObjective, double> InnerPai,
    double LearnedAtDay,
    int Windows);
