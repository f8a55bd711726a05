using Vigil.Forecasting.Patrol;

namespace Vigil.Server.Forecasting;

/// <summary>
/// Patrol areas for one shift: the forecast's flagged cells shared among K units, each a closed loop that fits the
/// travel-time budget, and each district's share of the planned patrol time beside its share of the flagged area and
/// of reported incidents (the disparity report's columns), so an over-patrolled district shows at once.
/// </summary>
public sealed record PatrolPlanView(
    string Category,
    double HorizonDays,
    string Model,
    string DistanceModel,
    double SpeedKmh,
    double BudgetMinutes,
    int Units,
    int CandidateCells,
    double CoveredShare,
    IReadOnlyList<PatrolRouteView> Routes,
    IReadOnlyList<PatrolDistrictShare> Districts)
{
    /// <summary>Plans over the fit's flagged cells; travel time is straight-line distance at the given speed.</summary>
    public static PatrolPlanView Of(ForecastFit fit, int units, double budgetMinutes, double speedKmh)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var history = fit.History;
        var metresPerUnit = history.Projection.MetresPerUnit;
        var metresPerMinute = speedKmh * 1000 / 60;

        // The planner works in the grid's own units (feet or metres): the budget becomes the distance that speed covers.
        var budget = budgetMinutes * metresPerMinute / metresPerUnit;
        var sites = PatrolPlanner.SitesFromForecast(fit.Grid, fit.Scores, fit.Order, Math.Max(1, fit.FlaggedCells));
        var plan = PatrolPlanner.Plan(sites, units, budget);

        var districts = history.Districts;
        var minutesByDistrict = new double[districts.Count];
        var totalMinutes = 0.0;
        var routes = new List<PatrolRouteView>(plan.Routes.Count);
        foreach (var route in plan.Routes)
        {
            var minutes = route.StraightLineLength * metresPerUnit / metresPerMinute;
            var stops = new List<PatrolStopView>(route.Sites.Count);
            foreach (var site in route.Sites)
            {
                var (lon, lat) = history.Projection.Inverse(site.X, site.Y);
                var district = DistrictOf(districts, site.X, site.Y);
                stops.Add(new PatrolStopView(Math.Round(lat, 6), Math.Round(lon, 6), site.Cell, site.Value, district < 0 ? null : districts[district].Name));

                // A unit's shift is spread evenly over the cells of its loop: the time share is its share of stops.
                if (district >= 0)
                {
                    minutesByDistrict[district] += budgetMinutes / route.Sites.Count;
                }

                totalMinutes += budgetMinutes / route.Sites.Count;
            }

            routes.Add(new PatrolRouteView(route.Unit, Math.Round(minutes, 1), route.Value, stops));
        }

        var shares = new List<PatrolDistrictShare>(districts.Count);
        for (var d = 0; d < districts.Count; d++)
        {
            var report = FindShare(fit, districts[d].Name);
            shares.Add(new PatrolDistrictShare(
                districts[d].Name,
                totalMinutes > 0 ? Math.Round(minutesByDistrict[d] / totalMinutes, 4) : 0,
                report?.FlaggedShare,
                report?.IncidentShare));
        }

        return new PatrolPlanView(
            fit.Category, fit.HorizonDays, fit.Model, $"straight-line distance at {speedKmh:0} km/h (not road network)", speedKmh, budgetMinutes, units,
            sites.Length, Math.Round(plan.CoveredShare, 4), routes, shares);
    }

    private static int DistrictOf(IReadOnlyList<Vigil.Forecasting.Geo.Region> districts, double x, double y)
    {
        for (var i = 0; i < districts.Count; i++)
        {
            if (districts[i].Contains(x, y))
            {
                return i;
            }
        }

        return -1;
    }

    private static Vigil.Forecasting.Safeguards.DistrictShare? FindShare(ForecastFit fit, string district)
    {
        foreach (var share in fit.Disparity.Districts)
        {
            if (share.District == district)
            {
                return share;
            }
        }

        return null;
    }
}

public sealed record PatrolRouteView(int Unit, double LoopMinutes, double Value, IReadOnlyList<PatrolStopView> Stops);

public sealed record PatrolStopView(double Lat, double Lon, int Cell, double Value, string? District);

/// <summary>A district's share of planned patrol time, beside its shares of flagged area and of reported incidents.</summary>
public sealed record PatrolDistrictShare(string District, double PatrolTimeShare, double? FlaggedAreaShare, double? IncidentShare);
