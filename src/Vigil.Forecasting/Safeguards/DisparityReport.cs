using Vigil.Forecasting.Data;
using Vigil.Forecasting.Geo;
using Vigil.Forecasting.Grid;

namespace Vigil.Forecasting.Safeguards;

/// <summary>
/// Per district, the share of flagged area and of planned patrol time against the share of reported incidents.
/// Cells belong to the district holding their centre; cells in no district are reported as "(outside districts)".
/// </summary>
public sealed record DisparityReport(IReadOnlyList<DistrictShare> Districts, int FlaggedCells, int Incidents, double IncidentFromDay, double IncidentToDay)
{
    public const string Outside = "(outside districts)";

    /// <summary>
    /// Builds the report. <paramref name="patrolCells"/> lists the cells each unit visits (time is split evenly over
    /// a unit's cells); pass an empty list when no patrol was planned.
    /// </summary>
    public static DisparityReport Build(
        ForecastGrid grid,
        IReadOnlyList<Region> districts,
        ReadOnlySpan<int> flaggedCells,
        IReadOnlyList<IReadOnlyList<int>> patrolCells,
        IncidentSet incidents,
        double fromDay,
        double toDay)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(districts);
        ArgumentNullException.ThrowIfNull(patrolCells);
        ArgumentNullException.ThrowIfNull(incidents);
        var districtOf = DistrictOfCells(grid, districts);
        var k = districts.Count + 1;
        var area = new double[k];
        var flagged = new double[k];
        var patrol = new double[k];
        var counts = new double[k];
        foreach (var cell in grid.InsideCells)
        {
            area[districtOf[cell]]++;
        }

        foreach (var cell in flaggedCells)
        {
            flagged[districtOf[cell]]++;
        }

        var units = 0;
        foreach (var route in patrolCells)
        {
            if (route.Count == 0)
            {
                continue;
            }

            units++;
            foreach (var cell in route)
            {
                patrol[districtOf[cell]] += 1.0 / route.Count;
            }
        }

        var a = incidents.LowerBound(fromDay);
        var b = incidents.LowerBound(toDay);
        var total = 0;
        for (var i = a; i < b; i++)
        {
            var cell = grid.CellOf(incidents.X[i], incidents.Y[i]);
            if (cell >= 0 && grid.IsInside(cell))
            {
                counts[districtOf[cell]]++;
                total++;
            }
        }

        var inside = grid.InsideCells.Length;
        var rows = new List<DistrictShare>(k);
        for (var d = 0; d < k; d++)
        {
            if (area[d] == 0)
            {
                continue;
            }

            var name = d < districts.Count ? districts[d].Name : Outside;
            rows.Add(new DistrictShare(
                name,
                area[d] / inside,
                flaggedCells.Length > 0 ? flagged[d] / flaggedCells.Length : 0,
                units > 0 ? patrol[d] / units : 0,
                total > 0 ? counts[d] / total : 0));
        }

        return new DisparityReport(rows, flaggedCells.Length, total, fromDay, toDay);
    }

    /// <summary>Districts flagged (or patrolled) at more than <paramref name="ratio"/> times their incident share.</summary>
    public IReadOnlyList<DistrictShare> OverTargeted(double ratio = 1.5)
    {
        var list = new List<DistrictShare>();
        foreach (var d in Districts)
        {
            if ((d.FlaggedShare > 0 && d.FlaggedToIncidentRatio > ratio) || (d.PatrolShare > 0 && d.PatrolToIncidentRatio > ratio))
            {
                list.Add(d);
            }
        }

        return list;
    }

    /// <summary>District index of every cell (districts.Count for none), by the cell centre.</summary>
    public static int[] DistrictOfCells(ForecastGrid grid, IReadOnlyList<Region> districts)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(districts);
        var of = new int[grid.CellCount];
        Array.Fill(of, districts.Count);
        foreach (var cell in grid.InsideCells)
        {
            var x = grid.CentreX(cell);
            var y = grid.CentreY(cell);
            for (var d = 0; d < districts.Count; d++)
            {
                if (districts[d].Contains(x, y))
                {
                    of[cell] = d;
                    break;
                }
            }
        }

        return of;
    }
}
