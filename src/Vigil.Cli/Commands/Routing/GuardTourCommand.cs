using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Spectre.Console;
using Vigil.Cli.Commands.Core;
using Vigil.Platform.Contracts;
using Vigil.Routing.Geo;
using Vigil.Server.GuardTours;
using Vigil.Server.Routing;

namespace Vigil.Cli.Commands.Routing;

/// <summary>
/// <c>vigil guard-tour</c>: the server's guard-tour planner from the command line, walking on a foot graph file, driving
/// on a road graph file or, without the one for the mode, on straight lines, labelled. Checkpoints come from a CSV of
/// lat,lon[,name[,dwell minutes[,priority]]].
/// </summary>
internal static class GuardTourCommand
{
    public static Command Create()
    {
        var checkpoints = new Option<string>("--checkpoints") { Description = "CSV file: lat,lon[,name[,dwell minutes[,priority 1-5]]] per line; a header line is skipped", Required = true };
        var start = new Option<string>("--start") { Description = "Where the guards start and end, as lat,lon", Required = true };
        var guards = new Option<int>("--guards") { Description = "Number of guards", DefaultValueFactory = _ => 1 };
        var shift = new Option<double>("--shift") { Description = "Shift length in minutes (travel plus dwell)", DefaultValueFactory = _ => 120 };
        var graph = new Option<string?>("--graph") { Description = "Road graph written by 'vigil city import', for tours that drive" };
        var walkGraph = new Option<string?>("--walk-graph") { Description = "Walking graph written by 'vigil city import --profile foot', for tours on foot" };
        var travel = new Option<string?>("--travel") { Description = "walk or drive (default: walk when --walk-graph is given, else drive)" };
        travel.AcceptOnlyFromAmong(GuardTourLimits.Walk, GuardTourLimits.Drive);
        var speed = new Option<double?>("--speed") { Description = "km/h for the straight-line fallback (default 5 walking, 25 driving)" };
        var maxSnap = new Option<double>("--max-snap") { Description = "Farthest a checkpoint may lie from a road, in metres", DefaultValueFactory = _ => 1000 };
        var command = new Command("guard-tour", "Checkpoint tours for security guards within a shift, on foot or by road on graph files");
        command.Add(checkpoints);
        command.Add(start);
        command.Add(guards);
        command.Add(shift);
        command.Add(graph);
        command.Add(walkGraph);
        command.Add(travel);
        command.Add(speed);
        command.Add(maxSnap);
        command.SetAction((ParseResult parse, CancellationToken _) => Task.FromResult(Run(
            parse, parse.GetValue(checkpoints)!, parse.GetValue(start)!, parse.GetValue(guards), parse.GetValue(shift), parse.GetValue(graph),
            parse.GetValue(walkGraph), parse.GetValue(travel), parse.GetValue(speed), parse.GetValue(maxSnap))));
        return command;
    }

    private static int Run(ParseResult parse, string checkpointsPath, string startText, int guards, double shift, string? graphPath, string? walkGraphPath,
        string? travel, double? speed, double maxSnap)
    {
        if (!GeoPoint.TryParse(startText, out var start))
        {
            return Output.Fail($"--start '{startText}' is not a coordinate; expected lat,lon such as 35.8989,14.5146");
        }

        if (maxSnap is < 1 or > 20_000)
        {
            return Output.Fail("--max-snap must be from 1 to 20000 metres");
        }

        if (!File.Exists(checkpointsPath))
        {
            return Output.Fail($"checkpoint file not found: {checkpointsPath}");
        }

        if (!TryReadCheckpoints(checkpointsPath, out var checkpoints, out var error))
        {
            return Output.Fail(error);
        }

        foreach (var file in (string?[])[graphPath, walkGraphPath])
        {
            if (file is not null && !File.Exists(file))
            {
                return Output.Fail($"graph file not found: {file}");
            }
        }

        var options = Options.Create(new RoutingOptions { GraphFile = graphPath, WalkGraphFile = walkGraphPath, MaxSnapMeters = maxSnap });
        var roads = new CityRouter(options, NullLogger<CityRouter>.Instance);
        var walking = CityRouter.ForWalking(options, NullLogger<CityRouter>.Instance);
        if (graphPath is not null && roads.Engine is null)
        {
            return Output.Fail($"cannot read graph file {graphPath}");
        }

        if (walkGraphPath is not null && walking.Engine is null)
        {
            return Output.Fail($"cannot read graph file {walkGraphPath}");
        }

        var request = new GuardTourRequest(checkpoints, guards, shift, new GeoView(start.Lat, start.Lon), speed, travel);
        var problems = GuardTourPlanner.Validate(request, roads, walking);
        if (problems.Count > 0)
        {
            foreach (var (field, message) in problems)
            {
                Console.Error.WriteLine($"error: {field} {message}");
            }

            return 2;
        }

        var plan = GuardTourPlanner.Plan(request, roads, walking);
        if (Output.IsJson(parse))
        {
            Output.WriteJson(plan);
            return 0;
        }

        AnsiConsole.MarkupLine(Markup.Escape(Inv($"{plan.Planned} of {plan.Checkpoints} checkpoints in {plan.Tours.Count} of {plan.Guards} tours; travel: {plan.Travel}")));
        foreach (var tour in plan.Tours)
        {
            var table = new Table().Border(TableBorder.Simple).Title(Markup.Escape(Inv($"Guard {tour.Guard}: {tour.Minutes} of {plan.ShiftMinutes} min ({tour.TravelMinutes} moving, {tour.DwellMinutes} at checkpoints)")))
                .AddColumns("arrive (min)", "checkpoint", "priority", "dwell (min)");
            foreach (var stop in tour.Stops)
            {
                table.AddRow(Inv($"{stop.ArriveMinute}"), Markup.Escape(stop.Name), Inv($"{stop.Priority}"), Inv($"{stop.DwellMinutes}"));
            }

            AnsiConsole.Write(table);
        }

        foreach (var left in plan.LeftOut)
        {
            AnsiConsole.MarkupLine($"[yellow]left out[/] {Markup.Escape(left.Name)} ({Markup.Escape(left.Reason)}): {Markup.Escape(left.Detail)}");
        }

        return 0;
    }

    private static bool TryReadCheckpoints(string path, out List<CheckpointRequest> checkpoints, out string error)
    {
        checkpoints = [];
        error = string.Empty;
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split(',');
            if (parts.Length < 2 || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon))
            {
                if (number == 1)
                {
                    continue; // a header
                }

                error = $"{path}:{number}: expected lat,lon[,name[,dwell minutes[,priority]]]";
                return false;
            }

            double? dwell = null;
            int? priority = null;
            if (parts.Length > 3 && parts[3].Trim().Length > 0)
            {
                if (!double.TryParse(parts[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
                {
                    error = $"{path}:{number}: dwell minutes '{parts[3].Trim()}' is not a number";
                    return false;
                }

                dwell = d;
            }

            if (parts.Length > 4 && parts[4].Trim().Length > 0)
            {
                if (!int.TryParse(parts[4], NumberStyles.Integer, CultureInfo.InvariantCulture, out var p))
                {
                    error = $"{path}:{number}: priority '{parts[4].Trim()}' is not a whole number";
                    return false;
                }

                priority = p;
            }

            checkpoints.Add(new CheckpointRequest(lat, lon, parts.Length > 2 ? parts[2].Trim() : null, dwell, priority));
        }

        return true;
    }

    private static string Inv(FormattableString text) => FormattableString.Invariant(text);
}
