namespace Vigil.Alerting.Outbreak;

/// <summary>
/// The verdict for one period of a count series: the observed count, the upper bound of what is expected, and whether
/// the count raises an alarm. <see cref="UpperBound"/> is NaN and <see cref="Alarm"/> false where the method gives no bound
/// (too few recent cases for Farrington's rule, a model that does not converge, or a flat EARS baseline).
/// </summary>
/// <param name="Index">0-based position in the series.</param>
/// <param name="Expected">
/// The count the method expected: the baseline mean for EARS, the model's prediction for Farrington; NaN where it has none.
/// </param>
public readonly record struct OutbreakPoint(int Index, double Observed, double UpperBound, bool Alarm, double Expected = double.NaN)
{
    public bool HasBound => !double.IsNaN(UpperBound);
}
