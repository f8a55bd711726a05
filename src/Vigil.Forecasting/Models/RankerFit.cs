using System.Globalization;

namespace Vigil.Forecasting.Models;

/// <summary>
/// One learning of <see cref="RankerModel"/>: the objective and ridge kept, its coefficients on the standardised
/// features (intercept first, then in <see cref="FeatureNames"/> order), and each tried pair's inner mean PAI (keyed
/// by <see cref="Label"/>).
/// </summary>
public sealed record RankerFit(
    RankerObjective Objective,
    double Ridge,
    IReadOnlyList<double> Coefficients,
    IReadOnlyList<string> FeatureNames,
    IReadOnlyDictionary<string, double> InnerPai,
    double LearnedAtDay,
    int Windows)
{
    /// <summary>A setting's name, e.g. "poisson, ridge 0.1".</summary>
    public static string Label(RankerObjective objective, double ridge) =>
        string.Create(CultureInfo.InvariantCulture, $"{(objective == RankerObjective.Poisson ? "poisson" : "logistic")}, ridge {ridge:0.###}");
}
