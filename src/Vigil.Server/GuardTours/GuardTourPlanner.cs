using System.Globalization;
using Vigil.Forecasting.Patrol;
using Vigil.Platform.Contracts;
using Vigil.Server.Routing;
using DomainPoint = Vigil.Domain.Geo.GeoPoint;

namespace Vigil.Server.GuardTours;

/// <summary>
/// Guard tours on the patrol planner: checkpoints become sites (each worth one visit, tiered by priority, with its
/// dwell), every guard's tour starts and ends at the shift's start point, and the budget is the shift. Travel comes
/// from <see cref="TourTravel"/>: by road when the server has a road network, else straight line, labelled.
/// </summary>
public static class GuardTourPlanner
{
    /// <summary>Plans a request already checked by the API (every field present and in range; the start on a road).</summary>
    public static GuardTourPlanView Plan(GuardTourRequest request, CityRouter router)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(router);
        var checkpoints = request.Checkpoints!;
        var start = request.Start!;
        var guards = request.Guards!.Value;
        var shift = request.ShiftMinutes!.Value;
        var places = new DomainPoint[checkpoints.Count];
        for (var i = 0; i < places.Length; i++)
        {
            places[i] = new DomainPoint(checkpoints[i].Lat!.Value, checkpoints[i].Lon!.Value);
        }

        var onRoad = TourTravel.OnRoad(router, places);
        var sites = new List<PatrolSite>(places.Length);
        var points = new List<DomainPoint>(places.Length + 1);
        for (var i = 0; i < places.Length; i++)
        {
            if (onRoad[i])
            {
                // X and Y are only for straight-line planning, which reads the matrix instead; Cell keeps the request index.
                sites.Add(new PatrolSite(places[i].Lon, places[i].Lat, 1, i, DwellSeconds(checkpoints[i]), PriorityOf(checkpoints[i])));
                points.Add(places[i]);
            }
        }

        points.Add(new DomainPoint(start.Lat, start.Lon));
        var travel = TourTravel.Build(router, points, request.SpeedKmh ?? GuardTourLimits.DefaultSpeedKmh);
        var starts = new int[guards];
        Array.Fill(starts, sites.Count);
        var plan = PatrolPlanner.Plan(sites, starts, travel.Matrix, shift * 60);

        var tours = new List<GuardTourView>(plan.Routes.Count);
        var cycle = new List<int>();
        foreach (var route in plan.Routes)
        {
            var stops = new List<GuardStopView>(route.Order.Count);
            var clock = 0.0;
            var at = route.Start;
            foreach (var index in route.Order)
            {
                var site = sites[index];
                clock += travel.Matrix[at, index];
                var checkpoint = checkpoints[site.Cell];
                stops.Add(new GuardStopView(site.Cell, NameOf(checkpoint, site.Cell), checkpoint.Lat!.Value, checkpoint.Lon!.Value, site.Priority,
                    Math.Round(clock / 60, 1), Math.Round(site.Dwell / 60, 1)));
                clock += site.Dwell;
                at = index;
            }

            cycle.Clear();
            cycle.Add(route.Start);
            cycle.AddRange(route.Order);
            tours.Add(new GuardTourView(route.Unit, Math.Round(route.Duration / 60, 1), Math.Round(route.Travel / 60, 1), Math.Round(route.Dwell / 60, 1),
                stops, travel.Loop(cycle)));
        }

        var leftOut = new List<LeftOutCheckpointView>();
        for (var i = 0; i < places.Length; i++)
        {
            if (!onRoad[i])
            {
                leftOut.Add(new LeftOutCheckpointView(i, NameOf(checkpoints[i], i), "off-road",
                    string.Create(CultureInfo.InvariantCulture, $"More than {router.Options.MaxSnapMeters} m from any road.")));
            }
        }

        foreach (var missed in plan.LeftOut)
        {
            var i = sites[missed.Index].Cell;
            var (reason, detail) = missed.Reason switch
            {
                LeftOutReason.Unreachable => ("unreachable", "No road route joins it to the start."),
                LeftOutReason.OverBudget => ("over-budget", string.Create(CultureInfo.InvariantCulture,
                    $"Going there from the start, checking it and coming back takes {missed.SoloTime / 60:0.0} min, more than the {shift:0.#}-minute shift.")),
                _ => ("no-time-left", "It would fit a shift on its own, but every guard's time went to checkpoints of higher priority or nearer ones."),
            };
            leftOut.Add(new LeftOutCheckpointView(i, NameOf(checkpoints[i], i), reason, detail));
        }

        leftOut.Sort(static (a, b) => a.Checkpoint.CompareTo(b.Checkpoint));
        return new GuardTourPlanView(plan.TravelModel, travel.Description, guards, shift, new GeoView(start.Lat, start.Lon), places.Length,
            places.Length - leftOut.Count, tours, leftOut);
    }

    private static double DwellSeconds(CheckpointRequest checkpoint) => (checkpoint.DwellMinutes ?? GuardTourLimits.DefaultDwellMinutes) * 60;

    private static int PriorityOf(CheckpointRequest checkpoint) => checkpoint.Priority ?? GuardTourLimits.MinPriority;

    private static string NameOf(CheckpointRequest checkpoint, int index) =>
        string.IsNullOrWhiteSpace(checkpoint.Name) ? string.Create(CultureInfo.InvariantCulture, $"Checkpoint {index + 1}") : checkpoint.Name.Trim();
}
