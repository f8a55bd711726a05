namespace Vigil.Forecasting.Evaluation;

/// <summary>
/// A flagged-area size at which hotspots are scored: an absolute area (NIJ's 0.25-0.75 square miles) or a share of
/// the city. The number of flagged cells is the most whole cells that do not exceed it.
/// </summary>
public readonly record struct AreaTarget(string Label, double SquareMiles, double CityFraction)
{
    /// <summary>Square metres in one international square mile (1609.344 m squared).</summary>
    public const double SquareMetresPerSquareMile = 1609.344 * 1609.344;

    public static AreaTarget Miles(double squareMiles) =>
        new(FormattableString.Invariant($"{squareMiles:0.##} sq mi"), squareMiles, 0);

    public static AreaTarget Fraction(double fraction) =>
        new(FormattableString.Invariant($"{fraction * 100:0.##}% city"), 0, fraction);

    /// <summary>NIJ's 0.25, 0.5 and 0.75 sq mi, plus 1% and 5% of the city.</summary>
    public static IReadOnlyList<AreaTarget> Standard { get; } =
        [Miles(0.25), Miles(0.5), Miles(0.75), Fraction(0.01), Fraction(0.05)];

    /// <summary>The target as an area in the grid's unit squared.</summary>
    public double Area(double cityArea, double metresPerUnit) =>
        CityFraction > 0 ? CityFraction * cityArea : SquareMiles * SquareMetresPerSquareMile / (metresPerUnit * metresPerUnit);
}
