using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Spectre.Console;
using Vigil.Forecasting.Evaluation;
using Vigil.Forecasting.Grid;
using Vigil.Forecasting.Models;
using Vigil.Forecasting.Patrol;
using Vigil.Forecasting.Safeguards;
using Vigil.Platform.Contracts;
using Vigil.Server.Forecasting;
using Vigil.Server.Routing;

namespace Vigil.Cli.Commands.Forecasting;

/// <summary>
/// <c>vigil forecast plan</c>: one forecast from an origin, the flagged cells, K patrol routes under a travel budget,
/// the district disparity report and the feedback-loop check over the preceding forecasts. With <c>--graph</c> the
/// routes are planned on road travel times by the server's own code (<see cref="PatrolPlanView.Plan"/>, as
/// <c>GET /api/v1/forecasts/patrols</c> does); without, on straight-line distance, labelled.
/// </summary>
internal static class ForecastPlanCommand
{
    private const int FeedbackHistory = 12;

    // The plan's records (the server's PatrolPlanView among them) are written in camelCase, as the API writes them.
    private static readonly JsonSerializerOptions JsonOutput = new(EvalReport.Options) { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Command Create()
    {
        var common = new ForecastCommonOptions();
        var model = new Option<string>("--model") { Description = "naive, kde, kde-decay, hawkes, ensemble, blend or ranker", DefaultValueFactory = _ => "ensemble" };
        var horizon = new Option<string>("--horizon") { Description = "Forecast horizon (7d .. 3m)", DefaultValueFactory = _ => "7d" };
        var origin = new Option<string?>("--origin") { Description = "Forecast start, yyyy-MM-dd (default: the day after the last incident)" };
        var area = new Option<double>("--flag-sq-mi") { Description = "Flagged area in square miles", DefaultValueFactory = _ => 0.75 };
        var units = new Option<int>("--units") { Description = "Number of patrol units K", DefaultValueFactory = _ => 4 };
        var budget = new Option<double>("--budget-miles") { Description = "Straight-line travel budget per unit per shift, in miles (without --graph)", DefaultValueFactory = _ => 8 };
        var graph = new Option<string?>("--graph") { Description = "Road graph written by 'vigil city import': plan on road travel times, as the server does, instead of straight lines" };
        var budgetMinutes = new Option<double>("--budget-minutes") { Description = "Travel budget per unit per shift by road, in minutes (with --graph)", DefaultValueFactory = _ => 120 };
        var start = new Option<string?>("--start") { Description = "The units' base as lat,lon, where each road loop starts and ends (with --graph)" };
        var command = new Command("plan", "Forecast the next horizon, plan K patrol routes (by road with --graph, else straight-line distance) and report disparities");
        common.AddTo(command);
        command.Add(model);
        command.Add(horizon);
        command.Add(origin);
        command.Add(area);
        command.Add(units);
        command.Add(budget);
        command.Add(graph);
        command.Add(budgetMinutes);
        command.Add(start);
        command.SetAction((ParseResult r, CancellationToken ct) => Task.FromResult(Execute(r, ct)));
        return command;

        int Execute(ParseResult r, CancellationToken ct)
        {
            var json = r.GetValue(GlobalOptions.Json);
            if (!ForecastInputs.TryLoad(r.GetValue(common.Data)!, r.GetValue(common.Boundary)!, r.GetValue(common.Districts), r.GetValue(common.Crs), out var inputs, out var error))
            {
                return Fail(error!);
            }

            if (!ForecastCommonOptions.TryCellSize(r.GetValue(common.Cell)!, inputs!.Projection, out var cellSize))
            {
                return Fail($"--cell: '{r.GetValue(common.Cell)}' is not a length such as 500ft or 150m.");
            }

            if (!ModelCatalog.TryParse(r.GetValue(model)!, out var family))
            {
                return Fail($"--model: '{r.GetValue(model)}' is unknown (use {string.Join(", ", ModelCatalog.Names)}).");
            }

            if (!ForecastInputs.TryParseHorizon(r.GetValue(horizon)!, out var horizonDays))
            {
                return Fail($"--horizon: '{r.GetValue(horizon)}' is not a horizon between 1 day and 3 months.");
            }

            var incidents = inputs.Incidents;
            var originDay = Math.Floor(incidents.LastDay) + 1;
            if (r.GetValue(origin) is { } o && !ForecastInputs.TryParseDate(o, out originDay))
            {
                return Fail($"--origin: '{o}' is not a date yyyy-MM-dd.");
            }

            if (originDay - 365 <= incidents.FirstDay)
            {
                return Fail("--origin: at least one year of history before the origin is needed to choose the model's settings.");
            }

            var k = r.GetValue(units);
            var miles = r.GetValue(budget);
            var flagSqMi = r.GetValue(area);
            if (k is < 0 or > 500 || !(miles >= 0) || !(flagSqMi > 0))
            {
                return Fail("--units must be 0..500, --budget-miles non-negative and --flag-sq-mi positive.");
            }

            // The graph is opened before the forecast, which takes far longer, so that a wrong path fails at once.
            var graphPath = r.GetValue(graph);
            var minutes = r.GetValue(budgetMinutes);
            CityRouter? router = null;
            GeoView? startAt = null;
            if (graphPath is not null)
            {
                if (!(minutes is > 0 and <= 24 * 60))
                {
                    return Fail("--budget-minutes must be from 1 to 1440.");
                }

                if (!File.Exists(graphPath))
                {
                    return Fail($"--graph: file not found: {graphPath}");
                }

                router = new CityRouter(Options.Create(new RoutingOptions { GraphFile = graphPath }), NullLogger<CityRouter>.Instance);
                if (router.Engine is null)
                {
                    return Fail($"--graph: cannot read graph file {graphPath}");
                }

                if (r.GetValue(start) is { } startText)
                {
                    if (!Vigil.Routing.Geo.GeoPoint.TryParse(startText, out var p))
                    {
                        return Fail($"--start: '{startText}' is not a coordinate; expected lat,lon.");
                    }

                    if (!router.TrySnap(new Vigil.Domain.Geo.GeoPoint(p.Lat, p.Lon), out _))
                    {
                        return Fail($"--start is more than {router.Options.MaxSnapMeters} m from any road of the graph.");
                    }

                    startAt = new GeoView(p.Lat, p.Lon);
                }
            }

            var decision = ForecastCommonOptions.Categories(incidents, r.GetValue(common.Category), r.GetValue(common.Justification), out error);
            if (error is not null)
            {
                return Fail(error);
            }

            if (decision.Allowed.Count == 0)
            {
                return Fail("No category is left to forecast: every requested category is discretion-driven; give --justification to include them.");
            }

            var keep = new bool[incidents.CategoryNames.Count];
            foreach (var c in decision.Allowed)
            {
                keep[incidents.CategoryIndex(c)] = true;
            }

            var set = incidents.Where(keep);
            var grid = new ForecastGrid(inputs.Boundary, cellSize);
            var metres = inputs.Projection.MetresPerUnit;
            var parameters = new Dictionary<string, string>
            {
                ["model"] = ModelCatalog.NameOf(family),
                ["horizon_days"] = horizonDays.ToString(CultureInfo.InvariantCulture),
                ["origin"] = ForecastInputs.Date(originDay),
                ["cell"] = cellSize.ToString("0.###", CultureInfo.InvariantCulture),
                ["crs"] = inputs.Projection.Name,
                ["units"] = k.ToString(CultureInfo.InvariantCulture),
                ["flag_sq_mi"] = flagSqMi.ToString(CultureInfo.InvariantCulture),
            };
            if (router is null)
            {
                parameters["budget_miles_straight_line"] = miles.ToString(CultureInfo.InvariantCulture);
            }
            else
            {
                parameters["graph"] = Path.GetFileName(graphPath!);
                parameters["budget_minutes_road"] = minutes.ToString(CultureInfo.InvariantCulture);
            }

            var audit = ForecastCommonOptions.Audit("forecast plan", inputs, r.GetValue(common.User), parameters, decision);
            if (!ForecastCommonOptions.TryAudit(audit, r.GetValue(common.AuditLog)!, out error))
            {
                return Fail(error!);
            }

            var selection = ModelSelection.Select(family, set, grid, originDay - 365, originDay, horizonDays, metres, ct);
            var forecaster = selection.Create();
            var scores = new double[grid.CellCount];
            var order = new int[grid.InsideCells.Length];
            var keys = new double[grid.InsideCells.Length];
            var flaggedCount = Math.Max(1, grid.CellsForArea(AreaTarget.Miles(flagSqMi).Area(grid.InsideArea, metres)));

            // Replay the preceding forecasts so that the feedback-loop check sees how long each cell has stayed flagged.
            var monitor = new FeedbackLoopMonitor(grid);
            FeedbackLoopStatus? loop = null;
            for (var back = FeedbackHistory; back >= 0; back--)
            {
                var day = originDay - (back * horizonDays);
                forecaster.Forecast(set, grid, day, horizonDays, scores);
                HotspotRanking.Rank(grid, scores, order, keys);
                loop = monitor.Observe(day, order.AsSpan(0, flaggedCount), set);
            }

            var flagged = order.AsSpan(0, flaggedCount).ToArray();
            PatrolPlanView? roadPlan = null;
            PatrolPlan? linePlan = null;
            List<IReadOnlyList<int>> routes;
            if (router is not null)
            {
                // The plan reads only the flagged and incident shares of the report, which do not depend on the routes.
                var shares = inputs.Districts.Count > 0 ? DisparityReport.Build(grid, inputs.Districts, flagged, [], set, originDay - 365, originDay) : null;
                var forecast = new PatrolForecast(string.Join(",", decision.Allowed), horizonDays, selection.Name, grid, scores, order, flaggedCount,
                    inputs.Projection, inputs.Districts, shares);

                // The speed only times straight lines, which a loaded graph never uses.
                roadPlan = PatrolPlanView.Plan(forecast, k, minutes, speedKmh: 25, router, startAt);
                routes = roadPlan.Routes.Select(rt => (IReadOnlyList<int>)rt.Stops.Select(st => st.Cell).ToList()).ToList();
            }
            else
            {
                var sites = PatrolPlanner.SitesFromForecast(grid, scores, order, flaggedCount);
                linePlan = PatrolPlanner.Plan(sites, k, miles * AreaTarget.SquareMetresPerSquareMile / 1609.344 / metres);
                routes = linePlan.Routes.Select(rt => (IReadOnlyList<int>)rt.Sites.Select(st => st.Cell).ToList()).ToList();
            }

            var disparity = inputs.Districts.Count > 0 ? DisparityReport.Build(grid, inputs.Districts, flagged, routes, set, originDay - 365, originDay) : null;
            if (json)
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    audit,
                    model = selection.Name,
                    settings = selection.Label,
                    origin = ForecastInputs.Date(originDay),
                    horizonDays,
                    flagged = flagged.Select(c => new { cell = c, x = grid.CentreX(c), y = grid.CentreY(c), score = scores[c] }),
                    patrol = roadPlan is not null
                        ? (object)roadPlan
                        : new { travelModel = linePlan!.TravelModel, distanceModel = "straight-line distance (not road network)", travelBudget = linePlan.Budget, linePlan.CoveredShare, routes = linePlan.Routes },
                    disparity,
                    feedbackLoop = loop,
                }, JsonOutput));
                return 0;
            }

            if (Console.IsOutputRedirected)
            {
                AnsiConsole.Profile.Width = 160;
            }

            AnsiConsole.MarkupLine(Markup.Escape($"{selection.Name} ({selection.Label}), {ForecastInputs.Date(originDay)} + {horizonDays:0} days, categories: {string.Join(", ", decision.Allowed)}"));
            foreach (var (category, reason) in decision.Excluded)
            {
                AnsiConsole.MarkupLine($"[yellow]excluded[/] {Markup.Escape(category)}: {Markup.Escape(reason)}");
            }

            AnsiConsole.MarkupLine(Markup.Escape(Inv($"{flaggedCount} cells flagged ({flaggedCount * grid.CellArea * metres * metres / AreaTarget.SquareMetresPerSquareMile:0.00} sq mi). Places only: no person is scored.")));
            if (roadPlan is not null)
            {
                var table = new Table().Border(TableBorder.Simple).AddColumns("unit", "cells", "loop (min by road)", "forecast value");
                foreach (var route in roadPlan.Routes)
                {
                    table.AddRow(Inv($"{route.Unit}"), Inv($"{route.Stops.Count}"), Inv($"{route.LoopMinutes:0.0}"), Inv($"{route.Value:0.###}"));
                }

                AnsiConsole.MarkupLine(Markup.Escape(Inv($"Patrol plan ({roadPlan.TravelModel}: {roadPlan.DistanceModel}; budget {minutes:0.#} min per unit; {roadPlan.CoveredShare:P1} of the flagged forecast covered; {roadPlan.OffRoadCells} of {roadPlan.CandidateCells} cells off every road)")));
                AnsiConsole.Write(table);
            }
            else
            {
                var table = new Table().Border(TableBorder.Simple).AddColumns("unit", "cells", Markup.Escape("tour length (straight-line, mi)"), "forecast share");
                foreach (var route in linePlan!.Routes)
                {
                    table.AddRow(Inv($"{route.Unit}"), Inv($"{route.Sites.Count}"), Inv($"{route.Travel * metres / 1609.344:0.00}"), Inv($"{(linePlan.CandidateValue > 0 ? route.Value / linePlan.CandidateValue : 0):P1}"));
                }

                AnsiConsole.MarkupLine($"[bold]Patrol plan[/] ({TravelMatrix.StraightLine} distance, not the road network; budget {miles} mi per unit)");
                AnsiConsole.Write(table);
            }

            if (disparity is not null)
            {
                var d = new Table().Border(TableBorder.Simple).AddColumns("district", "city area", "flagged area", "patrol time", "incidents (last year)", "flagged/incidents");
                foreach (var s in disparity.Districts.OrderByDescending(s => s.FlaggedShare + s.PatrolShare).ThenByDescending(s => s.IncidentShare))
                {
                    d.AddRow(Markup.Escape(s.District), Inv($"{s.AreaShare:P1}"), Inv($"{s.FlaggedShare:P1}"), Inv($"{s.PatrolShare:P1}"), Inv($"{s.IncidentShare:P1}"), double.IsInfinity(s.FlaggedToIncidentRatio) ? "no incidents" : Inv($"{s.FlaggedToIncidentRatio:0.00}"));
                }

                AnsiConsole.MarkupLine("[bold]Disparity report[/]");
                AnsiConsole.Write(d);
                foreach (var over in disparity.OverTargeted())
                {
                    AnsiConsole.MarkupLine($"[yellow]district {Markup.Escape(over.District)} gets more flagged area or patrol time than 1.5x its share of incidents[/]");
                }
            }

            if (loop is not null)
            {
                AnsiConsole.MarkupLine(loop.Warning ? $"[red]feedback-loop warning:[/] {Markup.Escape(loop.Message)}" : $"feedback loop: {Markup.Escape(loop.Message)}");
            }

            return 0;
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return 2;
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
