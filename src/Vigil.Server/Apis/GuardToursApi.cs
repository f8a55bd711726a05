using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Server.GuardTours;
using Vigil.Server.Routing;
using Vigil.Server.Security;

namespace Vigil.Server.Apis;

/// <summary>Guard tours for security staff: ordered checkpoint rounds per guard within a shift, on foot or by road.</summary>
public static class GuardToursApi
{
    public static IEndpointRouteBuilder MapGuardToursApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/guard-tours", Plan).WithTags("Guard tours").RequireAuthorization(Policies.PlanGuardTours)
            .WithSummary("Ordered checkpoint tours for K guards from a start point within a shift, walking on footpaths or driving on roads (travel: walk|drive), with the checkpoints left out and why")
            .Produces<GuardTourPlanView>(StatusCodes.Status200OK)
            .ProducesValidationProblem();
        return app;
    }

    private static IResult Plan(GuardTourRequest? request, CityRouter roads, [FromKeyedServices(CityRouter.WalkingKey)] CityRouter walking)
    {
        if (request is null)
        {
            return Problems.Field("checkpoints", "The body must be a JSON object with checkpoints, guards, shiftMinutes and start.");
        }

        var errors = GuardTourPlanner.Validate(request, roads, walking);
        return errors.Count > 0 ? Problems.Fields(errors) : TypedResults.Ok(GuardTourPlanner.Plan(request, roads, walking));
    }
}
