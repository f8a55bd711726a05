using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Vigil.Forecasting.Safeguards;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;
using Vigil.Server.Forecasting;
using Vigil.Server.Routing;
using Vigil.Server.Security;

using DomainPoint = Vigil.Domain.Geo.GeoPoint;
using RoadPoint = Vigil.Routing.Geo.GeoPoint;

namespace Vigil.Server.Apis;

/// <summary>
/// Place-based forecasts as a GeoJSON grid, each with its disparity report, feedback-loop check and audit record.
/// Fits run in the background: the first request for a category and horizon answers 202 with the fit's progress.
/// </summary>
public static class ForecastsApi
{
    public static RouteGroupBuilder MapForecastsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/forecasts").WithTags("Forecasts").RequireAuthorization(Policies.ViewForecasts);
        group.MapGet("/", GetAsync)
            .WithSummary("The forecast grid for a category and horizon (GeoJSON), or 202 with the progress of its fit")
            .Produces(StatusCodes.Status200OK, contentType: "application/geo+json")
            .Produces<FitProgress>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/patrols", GetPatrolsAsync)
            .WithSummary("Patrol loops for K units over the forecast's flagged cells within a travel-time budget, by road when a road network is loaded, with each district's share of patrol time")
            .Produces<PatrolPlanView>(StatusCodes.Status200OK)
            .Produces<FitProgress>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return group;
    }

    /// <summary>A fit still running: what it is doing and how far it is (0..1).</summary>
    public sealed record FitProgress(string Status, string Stage, double Progress, string Category, double HorizonDays);

    private static async Task<IResult> GetAsync(
        string? category, string? horizonDays, string? justification, ForecastService forecasts, IAuditStore audit, TimeProvider time, ClaimsPrincipal user, HttpResponse response)
    {
        var (problem, fit) = await ResolveAsync(category, horizonDays, justification, forecasts, audit, time, user, response).ConfigureAwait(false);
        return problem ?? TypedResults.Bytes(fit!.GeoJson, "application/geo+json");
    }

    private static async Task<IResult> GetPatrolsAsync(
        string? category, string? horizonDays, string? justification, string? units, string? budgetMinutes, string? speedKmh, string? start,
        ForecastService forecasts, CityRouter router, IAuditStore audit, TimeProvider time, ClaimsPrincipal user, HttpResponse response)
    {
        var errors = new List<KeyValuePair<string, string>>();
        var unitCount = ParseOr(units, 4, 1, 50, "units", "a whole number of units from 1 to 50", errors);
        var budget = ParseOr(budgetMinutes, 60, 5, 720, "budgetMinutes", "a whole number of minutes from 5 to 720 (one loop of a shift)", errors);
        var speed = ParseOr(speedKmh, 25, 5, 80, "speedKmh", "a whole number of km/h from 5 to 80", errors);
        GeoView? origin = null;
        if (start is not null)
        {
            if (!RoadPoint.TryParse(start, out var p))
            {
                errors.Add(new("start", "must be the units' base as lat,lon (e.g. 45.52,-122.68)."));
            }
            else if (router.Engine is not null && !router.TrySnap(new DomainPoint(p.Lat, p.Lon), out _))
            {
                errors.Add(new("start", $"is more than {router.Options.MaxSnapMeters} m from any road."));
            }
            else
            {
                origin = new GeoView(p.Lat, p.Lon);
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Fields(errors);
        }

        var (problem, fit) = await ResolveAsync(category, horizonDays, justification, forecasts, audit, time, user, response).ConfigureAwait(false);
        return problem ?? TypedResults.Ok(PatrolPlanView.Of(fit!, unitCount, budget, speed, router, origin));
    }

    private static int ParseOr(string? text, int fallback, int min, int max, string field, string what, List<KeyValuePair<string, string>> errors)
    {
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            errors.Add(new(field, $"must be {what}."));
            return fallback;
        }

        return value;
    }

    /// <summary>The current fit for the request, or the problem (or 202 progress) to answer instead.</summary>
    private static async Task<(IResult? Problem, ForecastFit? Fit)> ResolveAsync(
        string? category, string? horizonDays, string? justification, ForecastService forecasts, IAuditStore audit, TimeProvider time, ClaimsPrincipal user, HttpResponse response)
    {
        // A category excluded by the policy may be included only with a reason that a reviewer can read later.
        var reason = string.IsNullOrWhiteSpace(justification) ? null : justification.Trim();
        if (reason is { Length: < 20 or > 1000 })
        {
            return (Problems.Field("justification", "must be 20 to 1000 characters: why this discretion-driven category must be forecast, for the audit log."), null);
        }

        // Parsed here rather than bound, so that text such as "7d" gets a problem naming the field.
        var horizon = 7;
        if ((horizonDays is not null && !int.TryParse(horizonDays, NumberStyles.None, CultureInfo.InvariantCulture, out horizon)) || horizon is < 1 or > 92)
        {
            return (Problems.Field("horizonDays", "The horizon must be a whole number of days from 1 to 92 (1 week to 3 months)."), null);
        }

        var requested = string.IsNullOrWhiteSpace(category) ? null : category.Trim();
        var overriding = requested is not null && CategoryPolicy.IsDiscretionary(requested) && reason is not null;
        if (requested is not null && CategoryPolicy.IsDiscretionary(requested) && reason is null)
        {
            return (Problems.Field("category", $"'{requested}' is excluded by the category policy: it is recorded mostly through police discretion, so a forecast would learn past patrol patterns (docs/forecasting-model-card.md); to include it anyway, give a justification."), null);
        }

        var loaded = await forecasts.HistoryAsync().ConfigureAwait(false);
        if (loaded.History is not { } history)
        {
            return (TypedResults.Problem(loaded.Error, statusCode: StatusCodes.Status503ServiceUnavailable, title: "No incident history to forecast from"), null);
        }

        var names = history.Incidents.CategoryNames;
        List<string> categories = [];
        if (requested is null)
        {
            foreach (var name in names)
            {
                if (!CategoryPolicy.IsDiscretionary(name))
                {
                    categories.Add(name);
                }
            }

            if (categories.Count == 0)
            {
                return (Problems.Field("category", "Every category in the data is excluded by the category policy."), null);
            }
        }
        else
        {
            var index = history.Incidents.CategoryIndex(requested);
            if (index < 0)
            {
                return (Problems.Field("category", $"'{requested}' is not in the incident history; it has {string.Join(", ", names)}."), null);
            }

            categories.Add(names[index]);
        }

        var label = requested is null ? ForecastService.AllCategories : categories[0];
        if (overriding)
        {
            // Every request that uses the override is audited with its reason, not only the first fit it starts.
            var after = JsonSerializer.Serialize(new Dictionary<string, string> { ["category"] = categories[0], ["horizon_days"] = horizon.ToString(CultureInfo.InvariantCulture), ["justification"] = reason! },
                VigilJson.Default.DictionaryStringString);
            await audit.AppendAsync(new AuditRecord(time.GetUtcNow(), user.Actor(), "forecast.category_override", "forecast", $"{label}/{horizon}d", null, after), CancellationToken.None)
                .ConfigureAwait(false);
        }

        var job = forecasts.GetOrStart(history, label, categories, horizon, user.Actor());
        if ((job.Fit ?? job.Previous) is { } fit)
        {
            response.Headers["X-Forecast-Fitted-At"] = fit.FittedAt.ToString("O");
            return (null, fit);
        }

        if (job.Error is { } error)
        {
            return (TypedResults.Problem(error, statusCode: StatusCodes.Status500InternalServerError, title: "The forecast fit failed"), null);
        }

        response.Headers.RetryAfter = "2";
        return (TypedResults.Accepted((string?)null, new FitProgress("fitting", job.Stage, job.Progress, label, horizon)), null);
    }
}
