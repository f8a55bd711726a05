using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Vigil.Forecasting.Evaluation;
using Vigil.Forecasting.Grid;
using Vigil.Forecasting.Models;

namespace Vigil.Cli.Commands.Forecasting;

/// <summary><c>vigil forecast eval</c>: rolling-origin backtest of the models with hit rate, PAI and PEI.</summary>
internal static class ForecastEvalCommand
{
    public static Command Create()
    {
        var common = new ForecastCommonOptions();
        var model = new Option<string[]>("--model") { Description = "Models: naive, kde, kde-decay, hawkes, ensemble, blend, ranker (default: all)", AllowMultipleArgumentsPerToken = true };
        var horizon = new Option<string[]>("--horizon") { Description = "Horizons: 7d, 14d, 30d, 60d, up to 3m (default: 7d 14d 30d 60d)", AllowMultipleArgumentsPerToken = true };
        var from = new Option<string?>("--from") { Description = "First forecast origin, yyyy-MM-dd (default: two years after the first incident)" };
        var to = new Option<string?>("--to") { Description = "End of the scored period, yyyy-MM-dd, exclusive (default: the day after the last incident)" };
        var svg = new Option<string?>("--svg") { Description = "Write PAI-vs-area curves to this SVG file" };
        var command = new Command("eval", "Rolling-origin backtest: hit rate, PAI and PEI per model, category and horizon");
        common.AddTo(command);
        command.Add(model);
        command.Add(horizon);
        command.Add(from);
        command.Add(to);
        command.Add(svg);
        command.SetAction((ParseResult r, CancellationToken ct) => Task.FromResult(Run(r, common, model, horizon, from, to, svg, ct)));
        return command;
    }

    private static int Run(ParseResult r, ForecastCommonOptions common, Option<string[]> modelOption, Option<string[]> horizonOption, Option<string?> fromOption, Option<string?> toOption, Option<string?> svgOption, CancellationToken ct)
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

        var families = new List<ModelFamily>();
        foreach (var m in Split(r.GetValue(modelOption), ModelCatalog.Names))
        {
            if (!ModelCatalog.TryParse(m, out var f))
            {
                return Fail($"--model: '{m}' is unknown (use {string.Join(", ", ModelCatalog.Names)}).");
            }

            if (!families.Contains(f))
            {
                families.Add(f);
            }
        }

        // The plain KDE is the baseline every other model is compared with, so it always runs.
        if (!families.Contains(ModelFamily.Kde))
        {
            families.Insert(0, ModelFamily.Kde);
        }

        var horizons = new List<double>();
        foreach (var h in Split(r.GetValue(horizonOption), ["7d", "14d", "30d", "60d"]))
        {
            if (!ForecastInputs.TryParseHorizon(h, out var days))
            {
                return Fail($"--horizon: '{h}' is not a horizon between 1 day and 3 months (e.g. 7d, 2w, 1m).");
            }

            horizons.Add(days);
        }

        var incidents = inputs.Incidents;
        var fromDay = Math.Floor(incidents.FirstDay) + 730;
        var toDay = Math.Floor(incidents.LastDay) + 1;
        if (r.GetValue(fromOption) is { } f0 && !ForecastInputs.TryParseDate(f0, out fromDay))
        {
            return Fail($"--from: '{f0}' is not a date yyyy-MM-dd.");
        }

        if (r.GetValue(toOption) is { } t0 && !ForecastInputs.TryParseDate(t0, out toDay))
        {
            return Fail($"--to: '{t0}' is not a date yyyy-MM-dd.");
        }

        if (fromDay - 365 <= incidents.FirstDay)
        {
            return Fail($"--from: {ForecastInputs.Date(fromDay)} leaves no full year of validation after the first incident ({ForecastInputs.Date(incidents.FirstDay)}); settings are chosen on the year before --from.");
        }

        if (fromDay + horizons.Max() > toDay)
        {
            return Fail($"--from/--to: the period {ForecastInputs.Date(fromDay)}..{ForecastInputs.Date(toDay)} is shorter than the longest horizon.");
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

        var grid = new ForecastGrid(inputs.Boundary, cellSize);
        var parameters = new Dictionary<string, string>
        {
            ["boundary"] = Path.GetFullPath(r.GetValue(common.Boundary)!),
            ["crs"] = inputs.Projection.Name,
            ["cell"] = cellSize.ToString("0.###", CultureInfo.InvariantCulture),
            ["models"] = string.Join(',', families.Select(ModelCatalog.NameOf)),
            ["horizons_days"] = string.Join(',', horizons),
            ["from"] = ForecastInputs.Date(fromDay),
            ["to"] = ForecastInputs.Date(toDay),
        };
        var audit = ForecastCommonOptions.Audit("forecast eval", inputs, r.GetValue(common.User), parameters, decision);
        if (!ForecastCommonOptions.TryAudit(audit, r.GetValue(common.AuditLog)!, out error))
        {
            return Fail(error!);
        }

        var request = new EvaluationRequest
        {
            Categories = decision.Allowed,
            HorizonsDays = horizons,
            Models = families,
            FromDay = fromDay,
            ToDay = toDay,
            MetresPerUnit = inputs.Projection.MetresPerUnit,
        };
        var outcomes = ForecastEvaluation.Run(incidents, grid, inputs.Districts, request, json ? null : s => AnsiConsole.MarkupLine($"[grey]evaluating {Markup.Escape(s)}[/]"), ct);
        if (r.GetValue(svgOption) is { } svgPath)
        {
            using var writer = new StreamWriter(svgPath);
            var sqMi = AreaTarget.SquareMetresPerSquareMile / (inputs.Projection.MetresPerUnit * inputs.Projection.MetresPerUnit);
            PaiCurveChart.Write(writer, outcomes.Select(o => o.Backtest).ToList(), (0.25 * sqMi / grid.InsideArea, 0.75 * sqMi / grid.InsideArea), $"PAI vs flagged area, {ForecastInputs.Date(fromDay)} to {ForecastInputs.Date(toDay)}, {r.GetValue(common.Cell)} cells");
        }

        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(EvalReport.From(inputs, grid, decision, audit, outcomes), EvalReport.Options));
        }
        else
        {
            EvalReport.Print(inputs, grid, decision, outcomes, fromDay, toDay, r.GetValue(svgOption));
        }

        return 0;
    }

    private static IEnumerable<string> Split(string[]? values, IReadOnlyList<string> defaults)
    {
        if (values is not { Length: > 0 })
        {
            return defaults;
        }

        return values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return 2;
    }
}
