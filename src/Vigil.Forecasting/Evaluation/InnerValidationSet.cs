using Vigil.Forecasting.Data;
using Vigil.Forecasting.Grid;
using Vigil.Forecasting.Models;

namespace Vigil.Forecasting.Evaluation;

/// <summary>
/// The surfaces of a library of models on an inner backtest that lies wholly before an outer origin: windows of the
/// outer horizon starting every <c>step</c> days, each member's surface scaled to unit mass over the city, next to the
/// incidents that the window then saw. Scoring a weighting of the members is then a weighted sum and a top-k, with
/// no refit, which keeps a greedy weight search cheap (see <see cref="EnsembleSelection"/>).
/// Only incidents before each inner window's end are read, and every inner window ends by the outer origin.
/// </summary>
public sealed class InnerValidationSet
{
    private readonly float[][][] _surfaces;
    private readonly int[][] _counts;
    private readonly int[] _totals;

    private InnerValidationSet(float[][][] surfaces, int[][] counts, int[] totals, int insideCells)
    {
        _surfaces = surfaces;
        _counts = counts;
        _totals = totals;
        InsideCells = insideCells;
    }

    /// <summary>Number of members (surfaces per window).</summary>
    public int Members => _surfaces.Length == 0 ? 0 : _surfaces[0].Length;

    /// <summary>Windows that saw at least one incident (the only ones that carry a PAI).</summary>
    public int Windows => _surfaces.Length;

    public int InsideCells { get; }

    /// <summary>Member m's unit-mass surface in window w, indexed like <see cref="ForecastGrid.InsideCells"/>.</summary>
    public ReadOnlySpan<float> Surface(int window, int member) => _surfaces[window][member];

    /// <summary>Observed incidents per inside cell in window w.</summary>
    public ReadOnlySpan<int> Counts(int window) => _counts[window];

    public int Total(int window) => _totals[window];

    /// <summary>
    /// Forecasts every member at origins <paramref name="fromDay"/>, +step, ... whose window [o, o + horizon) ends by
    /// <paramref name="toDay"/>, and records what each window saw.
    /// </summary>
    public static InnerValidationSet Build(IncidentSet history, ForecastGrid grid, IReadOnlyList<IForecastModel> members, double fromDay, double toDay, double horizonDays, double stepDays)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(members);
        if (!(horizonDays > 0) || !(stepDays > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(stepDays), "Horizon and step must be positive.");
        }

        var inside = grid.InsideCells;
        var surfaces = new List<float[][]>();
        var counts = new List<int[]>();
        var totals = new List<int>();
        var scores = new double[grid.CellCount];
        var cellCounts = new int[grid.CellCount];
        for (var origin = fromDay; origin + horizonDays <= toDay + 1e-9; origin += stepDays)
        {
            var n = HotspotRanking.CountCells(history, grid, origin, origin + horizonDays, cellCounts);
            if (n == 0)
            {
                continue;
            }

            var window = new float[members.Count][];
            for (var m = 0; m < members.Count; m++)
            {
                members[m].Forecast(history, grid, origin, horizonDays, scores);
                var mass = 0.0;
                foreach (var cell in inside)
                {
                    mass += scores[cell];
                }

                var surface = new float[inside.Length];
                var scale = mass > 0 ? 1 / mass : 0;
                for (var i = 0; i < inside.Length; i++)
                {
                    surface[i] = (float)(scores[inside[i]] * scale);
                }

                window[m] = surface;
            }

            var observed = new int[inside.Length];
            for (var i = 0; i < inside.Length; i++)
            {
                observed[i] = cellCounts[inside[i]];
            }

            surfaces.Add(window);
            counts.Add(observed);
            totals.Add(n);
        }

        return new InnerValidationSet([.. surfaces], [.. counts], [.. totals], inside.Length);
    }
}
