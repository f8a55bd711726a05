using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Vigil.Server.GuardTours;
using Vigil.Server.Routing;
using Vigil.Server.Security;
using DomainPoint = Vigil.Domain.Geo.GeoPoint;

namespace Vigil.Server.Apis;

/// <summary>Guard tours for security staff: ordered checkpoint rounds per guard within a shift, by road when a road network is loaded.</summary>
public static class GuardToursApi
{
    public static IEndpointRouteBuilder MapGuardToursApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/guard-tours", Plan).WithTags("Guard tours").RequireAuthorization(Policies.PlanGuardTours)
            .WithSummary("Ordered checkpoint tours for K guards from a start point within a shift, by road when a road network is loaded, with the checkpoints left out and why")
            .Produces<GuardTourPlanView>(StatusCodes.Status200OK)
            .ProducesValidationProblem();
        return app;
    }

    private static IResult Plan(GuardTourRequest? request, CityRouter router)
    {
        if (request is null)
        {
            return Problems.Field("checkpoints", "The body must be a JSON object with checkpoints, guards, shiftMinutes and start.");
        }

        var errors = new List<KeyValuePair<string, string>>();
        Check(request, errors);
        if (errors.Count == 0 && router.Engine is not null && !router.TrySnap(new DomainPoint(request.Start!.Lat, request.Start.Lon), out _))
        {
            errors.Add(new("start", $"is more than {router.Options.MaxSnapMeters} m from any road."));
        }

        return errors.Count > 0 ? Problems.Fields(errors) : TypedResults.Ok(GuardTourPlanner.Plan(request, router));
    }

    private static void Check(GuardTourRequest request, List<KeyValuePair<string, string>> errors)
    {
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

        if (request.SpeedKmh is { } speed && !(speed >= GuardTourLimits.MinSpeedKmh && speed <= GuardTourLimits.MaxSpeedKmh))
        {
            errors.Add(new("speedKmh", $"must be from {GuardTourLimits.MinSpeedKmh} to {GuardTourLimits.MaxSpeedKmh} km/h (used only without a road network)."));
        }
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

    private static bool IsPosition(double lat, double lon) => lat is >= -90 and <= 90 && lon is >= -180 and <= 180;
}
