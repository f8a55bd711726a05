using Vigil.Forecasting.Patrol;
using Vigil.Platform.Contracts;
using Vigil.Server.Routing;
using DomainPoint = Vigil.Domain.Geo.GeoPoint;

namespace Vigil.Server.Forecasting;

/// <summary>
/// Patrol areas for one shift: the forecast's flagged cells shared among K units, each a closed loop that fits the
/// travel-time budget (by road when a road network is loaded; <c>TravelModel</c> says which), and each district's
/// share of the planned patrol time beside its share of the flagged area and of reported incidents (the disparity
/// report's columns), so an over-patrolled district shows at once.
/// </summary>
public sealed record PatrolPlanView(
    string Category,
    double HorizonDays,
    string Model,
    string TravelModel,
    string DistanceModel,
    double? SpeedKmh,
    double BudgetMinutes,
    int Units,
    int CandidateCells,
    int OffRoadCells,
    GeoView? Start,
    double CoveredShare,
    IReadOnlyList<PatrolRouteView> Routes,
    IReadOnlyList<PatrolDistrictShare> Districts)
{
    /// <summary>
    /// Plans over the fit's flagged cells. With a road network, travel is the routing engine's road time between the
    /// cells' centres snapped to the nearest road (cells with no road within reach are left out and counted); without
    /// one, straight-line distance at <paramref name="speedKmh"/>, labelled as such. With a <paramref name="start"/>,
    /// every unit leaves from and returns to it within the budget.
    /// </summary>
    public static PatrolPlanView Of(ForecastFit fit, int units, double budgetMinutes, double speedKmh, CityRouter router, GeoView? start) =>
        Plan(PatrolForecast.Of(fit), units, budgetMinutes, speedKmh, router, start);

    /// <summary>
    /// Plans over any forecast's flagged cells, the server's or the offline CLI's, as <see cref="Of"/> describes.
    /// </summary>
    public static PatrolPlanView Plan(PatrolForecast fit, int units, double budgetMinutes, double speedKmh, CityRouter router, GeoView? start)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(router);
        var cells = PatrolPlanner.SitesFromForecast(fit.Grid, fit.Scores, fit.Order, Math.Max(1, fit.FlaggedCells));
        var places = new DomainPoint[cells.Length];
        for (var i = 0; i < cells.Length; i++)
        {
            var (lon, lat) = fit.Projection.Inverse(cells[i].X, cells[i].Y);
            places[i] = new DomainPoint(lat, lon);
        }

        // Cells whose centre lies off every road (a park, the river) cannot be driven to: they are counted, not planned.
        var onRoad = TourTravel.OnRoad(router, places);
        var sites = new List<PatrolSite>(cells.Length);
        var points = new List<DomainPoint>(cells.Length + 1);
        for (var i = 0; i < cells.Length; i++)
        {
            if (onRoad[i])
            {
                sites.Add(cells[i]);
                points.Add(places[i]);
            }
        }

        var starts = new int[units];
        Array.Fill(starts, start is null ? -1 : sites.Count);
        if (start is not null)
        {
            points.Add(new DomainPoint(start.Lat, start.Lon));
        }

        var travel = TourTravel.Build(router, points, speedKmh);
        var plan = PatrolPlanner.Plan(sites, starts, travel.Matrix, budgetMinutes * 60);

        var districts = fit.Districts;
        var minutesByDistrict = new double[districts.Count];
        var totalMinutes = 0.0;
        var routes = new List<PatrolRouteView>(plan.Routes.Count);
        var cycle = new List<int>();
        foreach (var route in plan.Routes)
        {
            var stops = new List<PatrolStopView>(route.Sites.Count);
            foreach (var site in route.Sites)
            {
                var (lon, lat) = fit.Projection.Inverse(site.X, site.Y);
                var district = DistrictOf(districts, site.X, site.Y);
                stops.Add(new PatrolStopView(Math.Round(lat, 6), Math.Round(lon, 6), site.Cell, site.Value, district < 0 ? null : districts[district].Name));

                // A unit's shift is spread evenly over the cells of its loop: the time share is its share of stops.
                if (district >= 0)
                {
                    minutesByDistrict[district] += budgetMinutes / route.Sites.Count;
                }

                totalMinutes += budgetMinutes / route.Sites.Count;
            }

            cycle.Clear();
            if (route.Start >= 0)
            {
                cycle.Add(route.Start);
            }

            cycle.AddRange(route.Order);
            routes.Add(new PatrolRouteView(route.Unit, Math.Round(route.Duration / 60, 1), route.Value, stops, travel.Loop(cycle)));
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
            fit.Category, fit.HorizonDays, fit.Model, plan.TravelModel, travel.Description, travel.ByRoad ? null : speedKmh, budgetMinutes, units,
            cells.Length, cells.Length - sites.Count, start, Math.Round(plan.CoveredShare, 4), routes, shares);
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

    private static Vigil.Forecasting.Safeguards.DistrictShare? FindShare(PatrolForecast fit, string district)
    {
        if (fit.Disparity is null)
        {
            return null;
        }

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

/// <summary>One unit's loop: its minutes (within the budget), the forecast value it covers, its stops, and its line on the roads when travel was by road.</summary>
public sealed record PatrolRouteView(int Unit, double LoopMinutes, double Value, IReadOnlyList<PatrolStopView> Stops, LineStringGeometry? Road);

public sealed record PatrolStopView(double Lat, double Lon, int Cell, double Value, string? District);

/// <summary>A district's share of planned patrol time, beside its shares of flagged area and of reported incidents.</summary>
public sealed record PatrolDistrictShare(string District, double PatrolTimeShare, double? FlaggedAreaShare, double? IncidentShare);
