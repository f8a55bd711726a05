using System.Globalization;
using Vigil.Forecasting.Patrol;
using Vigil.Platform.Contracts;
using Vigil.Server.Routing;
using DomainPoint = Vigil.Domain.Geo.GeoPoint;

namespace Vigil.Server.GuardTours;

/// <summary>
/// Guard tours on the patrol planner: checkpoints become sites (each worth one visit, tiered by priority, with its
/// dwell), every guard's tour starts and ends at the shift's start point, and the budget is the shift. Travel comes
/// from <see cref="TourTravel"/> on the router for the tour's mode (see <see cref="Choose"/>): on foot on the walking
/// network, by car on the road network, else straight line at the mode's speed, labelled.
/// </summary>
public static class GuardTourPlanner
{
    /// <summary>
    /// The router a request travels on and its mode: the one asked for ("walk" or "drive"), else walking when a walking
    /// network is loaded, else driving. A mode whose network is not loaded still gets its router, which then times
    /// straight lines and says so.
    /// </summary>
    public static (CityRouter Router, string Mode) Choose(GuardTourRequest request, CityRouter roads, CityRouter walking)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(roads);
        ArgumentNullException.ThrowIfNull(walking);
        var walk = request.Travel is { } travel ? travel == GuardTourLimits.Walk : walking.Engine is not null;
        return walk ? (walking, GuardTourLimits.Walk) : (roads, GuardTourLimits.Drive);
    }

    /// <summary>Plans a request already checked by the API (every field present and in range; the start on the network).</summary>
    public static GuardTourPlanView Plan(GuardTourRequest request, CityRouter roads, CityRouter walking)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (router, mode) = Choose(request, roads, walking);
        var walk = mode == GuardTourLimits.Walk;
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
        var travel = TourTravel.Build(router, points, request.SpeedKmh ?? (walk ? GuardTourLimits.DefaultWalkKmh : GuardTourLimits.DefaultSpeedKmh));
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
                    string.Create(CultureInfo.InvariantCulture, $"More than {router.Options.MaxSnapMeters} m from any {(walk ? "footpath or street" : "road")}.")));
            }
        }

        foreach (var missed in plan.LeftOut)
        {
            var i = sites[missed.Index].Cell;
            var (reason, detail) = missed.Reason switch
            {
                LeftOutReason.Unreachable => ("unreachable", walk ? "No route on foot joins it to the start." : "No road route joins it to the start."),
                LeftOutReason.OverBudget => ("over-budget", string.Create(CultureInfo.InvariantCulture,
                    $"Going there from the start, checking it and coming back takes {missed.SoloTime / 60:0.0} min, more than the {shift:0.#}-minute shift.")),
                _ => ("no-time-left", "It would fit a shift on its own, but every guard's time went to checkpoints of higher priority or nearer ones."),
            };
            leftOut.Add(new LeftOutCheckpointView(i, NameOf(checkpoints[i], i), reason, detail));
        }

        leftOut.Sort(static (a, b) => a.Checkpoint.CompareTo(b.Checkpoint));
        return new GuardTourPlanView(mode, plan.TravelModel, Describe(walk, travel), guards, shift, new GeoView(start.Lat, start.Lon), places.Length,
            places.Length - leftOut.Count, tours, leftOut);
    }

    /// <summary>
    /// Every problem with a request, each naming its field (<c>checkpoints[3].lat</c>), including a start too far from
    /// the network the tour travels on when that network is loaded; empty when the request can be planned.
    /// </summary>
    public static List<KeyValuePair<string, string>> Validate(GuardTourRequest request, CityRouter roads, CityRouter walking)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(roads);
        ArgumentNullException.ThrowIfNull(walking);
        var errors = new List<KeyValuePair<string, string>>();
        if (request.Travel is { } mode && mode is not (GuardTourLimits.Walk or GuardTourLimits.Drive))
        {
            errors.Add(new("travel", $"must be \"{GuardTourLimits.Walk}\" (on the walking network) or \"{GuardTourLimits.Drive}\" (on the road network)."));
            return errors;
        }

        var router = Choose(request, roads, walking).Router;
        var checkpoints = request.Checkpoints;
        if (checkpoints is null || checkpoints.Count is 0 or > GuardTourLimits.MaxCheckpoints)
        {
            errors.Add(new("checkpoints", $"must list 1 to {GuardTourLimits.MaxCheckpoints} checkpoints."));
        }
        else
        {
            for (var i = 0; i < checkpoints.Count; i++)
            {
                CheckCheckpoint(checkpoints[i], string.Create(CultureInfo.InvariantCulture, $"checkpoints[{i}]"), errors);
            }
        }

        if (request.Guards is not { } guards || guards < 1 || guards > GuardTourLimits.MaxGuards)
        {
            errors.Add(new("guards", $"must be a whole number of guards from 1 to {GuardTourLimits.MaxGuards}."));
        }

        if (request.ShiftMinutes is not { } shift || !(shift >= GuardTourLimits.MinShiftMinutes && shift <= GuardTourLimits.MaxShiftMinutes))
        {
            errors.Add(new("shiftMinutes", $"must be the shift's length in minutes, from {GuardTourLimits.MinShiftMinutes} to {GuardTourLimits.MaxShiftMinutes}."));
        }

        if (request.Start is not { } start || !IsPosition(start.Lat, start.Lon))
        {
            errors.Add(new("start", "must be where the guards start and end, as {\"lat\": …, \"lon\": …} in WGS84."));
        }
        else if (router.Engine is not null && !router.TrySnap(new DomainPoint(start.Lat, start.Lon), out _))
        {
            errors.Add(new("start", string.Create(CultureInfo.InvariantCulture,
                $"is more than {router.Options.MaxSnapMeters} m from any {(router.Walking ? "footpath or street" : "road")}.")));
        }

        if (request.SpeedKmh is { } speed && !(speed >= GuardTourLimits.MinSpeedKmh && speed <= GuardTourLimits.MaxSpeedKmh))
        {
            errors.Add(new("speedKmh", $"must be from {GuardTourLimits.MinSpeedKmh} to {GuardTourLimits.MaxSpeedKmh} km/h (used only when the tour's network is not loaded)."));
        }

        return errors;
    }

    private static void CheckCheckpoint(CheckpointRequest? checkpoint, string field, List<KeyValuePair<string, string>> errors)
    {
        if (checkpoint is null)
        {
            errors.Add(new(field, "must be an object with lat and lon."));
            return;
        }

        if (checkpoint.Lat is not { } lat || checkpoint.Lon is not { } lon || !IsPosition(lat, lon))
        {
            errors.Add(new($"{field}.lat", "lat and lon are required, in WGS84 degrees (lat -90 to 90, lon -180 to 180)."));
        }

        if (checkpoint.Name is { Length: > GuardTourLimits.MaxNameLength })
        {
            errors.Add(new($"{field}.name", $"must be at most {GuardTourLimits.MaxNameLength} characters."));
        }

        if (checkpoint.DwellMinutes is { } dwell && !(dwell >= 0 && dwell <= GuardTourLimits.MaxDwellMinutes))
        {
            errors.Add(new($"{field}.dwellMinutes", $"must be from 0 to {GuardTourLimits.MaxDwellMinutes} minutes."));
        }

        if (checkpoint.Priority is { } priority && (priority < GuardTourLimits.MinPriority || priority > GuardTourLimits.MaxPriority))
        {
            errors.Add(new($"{field}.priority", $"must be from {GuardTourLimits.MinPriority} (routine) to {GuardTourLimits.MaxPriority} (visit first)."));
        }
    }

    /// <summary>The travel model in words, for the people reading the plan.</summary>
    private static string Describe(bool walk, TourTravel travel) => (walk, travel.ByRoad) switch
    {
        (true, true) => $"walk on footpaths: {travel.Description}",
        (false, true) => $"drive on roads: {travel.Description}",
        (true, false) => $"walk, timed in straight lines: {travel.Description}",
        _ => $"drive, timed in straight lines: {travel.Description}",
    };

    private static bool IsPosition(double lat, double lon) => lat is >= -90 and <= 90 && lon is >= -180 and <= 180;

    private static double DwellSeconds(CheckpointRequest checkpoint) => (checkpoint.DwellMinutes ?? GuardTourLimits.DefaultDwellMinutes) * 60;

    private static int PriorityOf(CheckpointRequest checkpoint) => checkpoint.Priority ?? GuardTourLimits.MinPriority;

    private static string NameOf(CheckpointRequest checkpoint, int index) =>
        string.IsNullOrWhiteSpace(checkpoint.Name) ? string.Create(CultureInfo.InvariantCulture, $"Checkpoint {index + 1}") : checkpoint.Name.Trim();
}
