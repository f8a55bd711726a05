using Vigil.Forecasting.Data;
using Vigil.Forecasting.Grid;

namespace Vigil.Forecasting.Models;

/// <summary>
/// The per-cell features of <see cref="RankerModel"/> at one origin, all from incidents strictly before it and all
/// about places: counts in trailing windows, all-history rates, the same counts on the ring of neighbouring cells,
/// kernel densities at several bandwidths, a time-decayed count, and the counts of every forecast category together.
/// Every feature is log1p of a non-negative amount, so a cell's expected count is a product of powers of them.
/// No demographic or socio-economic input exists here, by design (docs/forecasting-model-card.md).
/// </summary>
internal sealed class RankerFeatures
{
    private const double FootInMetres = 0.3048;

    /// <summary>What each feature column is, for reports.</summary>
    public static readonly string[] Names =
    [
        "count 30 d", "count 90 d", "count 365 d", "rate all history", "decayed count tau 30 d",
        "ring 3x3 count 365 d", "ring 5x5 count 365 d", "ring 3x3 rate", "ring 5x5 rate",
        "kde 250 ft rate", "kde 500 ft rate", "kde 1000 ft rate", "kde 2000 ft rate", "kde 500 ft count 90 d", "kde 1000 ft count 365 d",
        "all categories count 365 d", "all categories rate", "all categories kde 500 ft rate",
    ];

    private readonly ForecastGrid _grid;
    private readonly double _sigma250;
    private readonly double _sigma500;
    private readonly double _sigma1000;
    private readonly double _sigma2000;
    private readonly double[] _c30;
    private readonly double[] _c90;
    private readonly double[] _c365;
    private readonly double[] _rate;
    private readonly double[] _decay30;
    private readonly double[] _work;
    private readonly double[] _ctx365;
    private readonly double[] _ctxRate;

    public RankerFeatures(ForecastGrid grid, double metresPerUnit)
    {
        _grid = grid;
        var cellFeet = grid.CellSize * metresPerUnit / FootInMetres;
        _sigma250 = 250 / cellFeet;
        _sigma500 = 500 / cellFeet;
        _sigma1000 = 1000 / cellFeet;
        _sigma2000 = 2000 / cellFeet;
        var n = grid.CellCount;
        _c30 = new double[n];
        _c90 = new double[n];
        _c365 = new double[n];
        _rate = new double[n];
        _decay30 = new double[n];
        _work = new double[n];
        _ctx365 = new double[n];
        _ctxRate = new double[n];
    }

    public static int Count => Names.Length;

    /// <summary>
    /// Writes the features of every inside cell at <paramref name="originDay"/> into <paramref name="into"/>
    /// (row i = <see cref="ForecastGrid.InsideCells"/>[i], <see cref="Count"/> columns).
    /// </summary>
    /// <param name="context">Incidents of every forecast category (places only), or null to leave those columns at zero.</param>
    public void Compute(IncidentSet history, IncidentSet? context, double originDay, Span<float> into)
    {
        Tally(history, originDay, _c30, _c90, _c365, _rate, _decay30);
        var inside = _grid.InsideCells;
        var f = Count;
        for (var i = 0; i < inside.Length; i++)
        {
            var cell = inside[i];
            var row = into.Slice(i * f, f);
            row[0] = Log(_c30[cell]);
            row[1] = Log(_c90[cell]);
            row[2] = Log(_c365[cell]);
            row[3] = Log(_rate[cell]);
            row[4] = Log(_decay30[cell]);
        }

        Rings(_c365, into, 5, 6);
        Rings(_rate, into, 7, 8);
        Smoothed(_rate, _sigma250, into, 9);
        Smoothed(_rate, _sigma500, into, 10);
        Smoothed(_rate, _sigma1000, into, 11);
        Smoothed(_rate, _sigma2000, into, 12);
        Smoothed(_c90, _sigma500, into, 13);
        Smoothed(_c365, _sigma1000, into, 14);
        if (context is null)
        {
            for (var i = 0; i < inside.Length; i++)
            {
                into.Slice((i * f) + 15, 3).Clear();
            }

            return;
        }

        // The trailing-window arrays are reused as scratch: only the one-year count and the rate of the context are kept.
        Tally(context, originDay, _c30, _c90, _ctx365, _ctxRate, _decay30);
        for (var i = 0; i < inside.Length; i++)
        {
            var cell = inside[i];
            into[(i * f) + 15] = Log(_ctx365[cell]);
            into[(i * f) + 16] = Log(_ctxRate[cell]);
        }

        Smoothed(_ctxRate, _sigma500, into, 17);
    }

    private static float Log(double value) => (float)Math.Log(1 + value);

    /// <summary>Counts per cell in the last 30, 90 and 365 days, the all-history rate per year and the 30-day decayed count.</summary>
    private void Tally(IncidentSet set, double originDay, double[] c30, double[] c90, double[] c365, double[] rate, double[] decay30)
    {
        Array.Clear(c30);
        Array.Clear(c90);
        Array.Clear(c365);
        Array.Clear(rate);
        Array.Clear(decay30);
        var end = set.LowerBound(originDay);
        var x = set.X;
        var y = set.Y;
        var t = set.Days;
        for (var i = 0; i < end; i++)
        {
            var cell = _grid.CellOf(x[i], y[i]);
            if (cell < 0)
            {
                continue;
            }

            var age = originDay - t[i];
            rate[cell] += 1;
            if (age < 365)
            {
                c365[cell] += 1;
                if (age < 90)
                {
                    c90[cell] += 1;
                    if (age < 30)
                    {
                        c30[cell] += 1;
                    }
                }
            }

            decay30[cell] += Math.Exp(-age / 30);
        }

        // A rate per year, so that windows learned a year earlier (with a year less history) mean the same thing.
        var years = end == 0 ? 1 : Math.Max(originDay - t[0], 30) / 365.0;
        for (var c = 0; c < rate.Length; c++)
        {
            rate[c] /= years;
        }
    }

    /// <summary>The sum over the 3x3 block less the cell, and over the 5x5 block less the 3x3 block.</summary>
    private void Rings(double[] values, Span<float> into, int ring3Column, int ring5Column)
    {
        var columns = _grid.Columns;
        var rows = _grid.Rows;
        var inside = _grid.InsideCells;
        var f = Count;
        for (var i = 0; i < inside.Length; i++)
        {
            var cell = inside[i];
            var r0 = cell / columns;
            var c0 = cell % columns;
            var inner = 0.0;
            var outer = 0.0;
            for (var dr = -2; dr <= 2; dr++)
            {
                var r = r0 + dr;
                if ((uint)r >= (uint)rows)
                {
                    continue;
                }

                for (var dc = -2; dc <= 2; dc++)
                {
                    var c = c0 + dc;
                    if ((uint)c >= (uint)columns || (dr == 0 && dc == 0))
                    {
                        continue;
                    }

                    var v = values[(r * columns) + c];
                    if (dr is >= -1 and <= 1 && dc is >= -1 and <= 1)
                    {
                        inner += v;
                    }
                    else
                    {
                        outer += v;
                    }
                }
            }

            into[(i * f) + ring3Column] = Log(inner);
            into[(i * f) + ring5Column] = Log(outer);
        }
    }

    private void Smoothed(double[] values, double sigmaCells, Span<float> into, int column)
    {
        values.CopyTo(_work, 0);
        GaussianSmoother.Smooth(_work, _grid.Columns, _grid.Rows, sigmaCells);
        var inside = _grid.InsideCells;
        var f = Count;
        for (var i = 0; i < inside.Length; i++)
        {
            into[(i * f) + column] = Log(_work[inside[i]]);
        }
    }
}
