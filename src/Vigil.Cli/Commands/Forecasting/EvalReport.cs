using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Vigil.Forecasting.Evaluation;
using Vigil.Forecasting.Grid;
using Vigil.Forecasting.Safeguards;

namespace Vigil.Cli.Commands.Forecasting;

/// <summary>Tables and the JSON document of <c>vigil forecast eval</c>.</summary>
internal static class EvalReport
{
    public static readonly JsonSerializerOptions Options = new() { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>The goal of the evaluation: at least this PAI ratio over the plain KDE at the NIJ areas.</summary>
    private const double GoalRatio = 1.2;

    public static void Print(ForecastInputs inputs, ForecastGrid grid, CategoryDecision decision, IReadOnlyList<EvaluationOutcome> outcomes, double fromDay, double toDay, string? svg)
    {
        var read = inputs.Read;
        if (Console.IsOutputRedirected)
        {
            // Redirected output has no terminal width; keep table rows on one line for logs and docs.
            AnsiConsole.Profile.Width = 160;
        }

        AnsiConsole.MarkupLine(Markup.Escape(Inv($"{read.Rows} rows read, {inputs.Incidents.Count} incidents used, {read.SkippedWithoutLocation} without location, {read.SkippedInvalid} invalid; grid {grid.Columns}x{grid.Rows} cells of {grid.CellSize:0.#} {Unit(inputs)}, {grid.InsideCells.Length} in the city; CRS {inputs.Projection.Name}.")));
        AnsiConsole.MarkupLine(Markup.Escape($"Scored origins {ForecastInputs.Date(fromDay)} .. {ForecastInputs.Date(toDay)} (exclusive); settings chosen on the 365 days before."));
        foreach (var (category, reason) in decision.Excluded)
        {
            AnsiConsole.MarkupLine($"[yellow]excluded[/] {Markup.Escape(category)}: {Markup.Escape(reason)}");
        }

        foreach (var category in decision.IncludedByJustification)
        {
            AnsiConsole.MarkupLine($"[yellow]included by justification[/] {Markup.Escape(category)}: \"{Markup.Escape(decision.Justification ?? string.Empty)}\"");
        }

        var table = new Table().Border(TableBorder.Simple);
        foreach (var h in (string[])["category", "horizon", "model", "windows", "area", "cells", "hit rate", "PAI", "PEI", "PAI/kde"])
        {
            table.AddColumn(new TableColumn(h).RightAligned());
        }

        foreach (var o in outcomes)
        {
            var kde = Baseline(outcomes, o);
            for (var a = 0; a < o.Backtest.Areas.Count; a++)
            {
                var s = o.Backtest.Areas[a];
                var ratio = kde is not null && kde.Backtest.Areas[a].MeanPai > 0 ? s.MeanPai / kde.Backtest.Areas[a].MeanPai : double.NaN;
                table.AddRow(
                    a == 0 ? Markup.Escape(o.Backtest.Category) : string.Empty,
                    a == 0 ? Inv($"{o.Backtest.HorizonDays:0}d") : string.Empty,
                    a == 0 ? o.Selection.Name : string.Empty,
                    a == 0 ? Inv($"{o.Backtest.Windows}") : string.Empty,
                    s.Target.Label,
                    Inv($"{s.Cells}"),
                    Inv($"{s.MeanHitRate:P1}"),
                    Inv($"{s.MeanPai:0.00}"),
                    Inv($"{s.MeanPei:0.00}"),
                    double.IsNaN(ratio) ? "-" : Inv($"{ratio:0.00}"));
            }
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("[bold]Goal: PAI at least 1.2x the plain KDE at the NIJ areas (mean of 0.25, 0.5, 0.75 sq mi)[/]");
        foreach (var o in outcomes)
        {
            var kde = Baseline(outcomes, o);
            if (kde is null || ReferenceEquals(kde, o))
            {
                continue;
            }

            var ratio = NijMean(o) / Math.Max(NijMean(kde), 1e-12);
            var verdict = ratio >= GoalRatio ? "[green]meets[/]" : ratio >= 1.01 ? "[yellow]beats, short of goal[/]" : ratio >= 0.99 ? "[yellow]ties[/]" : "[red]loses[/]";
            AnsiConsole.MarkupLine($"  {Markup.Escape(o.Backtest.Category)} {o.Backtest.HorizonDays:0}d {o.Selection.Name}: {Inv($"{ratio:0.00}")}x kde {verdict}");
        }

        AnsiConsole.MarkupLine("[bold]Chosen settings, safeguards[/]");
        foreach (var o in outcomes)
        {
            var line = $"  {o.Backtest.Category} {o.Backtest.HorizonDays:0}d {o.Selection.Name}: {o.Selection.Label}; {Inv($"{o.SecondsTaken:0.0}")} s";
            if (o.FeedbackLoop is { } loop)
            {
                line += $"; feedback loop: {(loop.Warning ? "WARNING " : string.Empty)}{loop.Unexplained}/{loop.Flagged} persistent cells unexplained";
            }

            if (o.Disparity is { } d && d.Districts.Count > 0)
            {
                var worst = d.Districts.MaxBy(x => x.FlaggedShare - x.IncidentShare)!;
                line += Inv($"; most over-flagged district {worst.District}: {worst.FlaggedShare:P0} of flagged area vs {worst.IncidentShare:P1} of incidents");
            }

            AnsiConsole.MarkupLine(Markup.Escape(line));
        }

        if (svg is not null)
        {
            AnsiConsole.MarkupLine($"PAI-vs-area curves written to {Markup.Escape(svg)}");
        }
    }

    public static object From(ForecastInputs inputs, ForecastGrid grid, CategoryDecision decision, ForecastAuditRecord audit, IReadOnlyList<EvaluationOutcome> outcomes) => new
    {
        data = new { path = inputs.DataPath, rows = inputs.Read.Rows, used = inputs.Incidents.Count, withoutLocation = inputs.Read.SkippedWithoutLocation, invalid = inputs.Read.SkippedInvalid },
        grid = new { crs = inputs.Projection.Name, cellSize = grid.CellSize, columns = grid.Columns, rows = grid.Rows, cityCells = grid.InsideCells.Length },
        categories = new { allowed = decision.Allowed, excluded = decision.Excluded.Select(e => new { category = e.Category, reason = e.Reason }), includedByJustification = decision.IncludedByJustification, decision.Justification },
        audit,
        results = outcomes.Select(o => new
        {
            category = o.Backtest.Category,
            horizonDays = o.Backtest.HorizonDays,
            model = o.Selection.Name,
            settings = o.Selection.Label,
            validationPai = double.IsNaN(o.Selection.ValidationPai) ? (double?)null : o.Selection.ValidationPai,
            windows = o.Backtest.Windows,
            areas = o.Backtest.Areas.Select(a => new { area = a.Target.Label, a.Cells, flaggedArea = a.FlaggedArea, hitRate = a.MeanHitRate, pai = a.MeanPai, pei = a.MeanPei, a.Captured, a.Total }),
            paiVsKdeAtNij = Baseline(outcomes, o) is { } kde ? NijMean(o) / Math.Max(NijMean(kde), 1e-12) : (double?)null,
            curve = o.Backtest.CurveFractions.Select((f, i) => new { fraction = f, pai = o.Backtest.CurveMeanPai[i] }),
            feedbackLoop = o.FeedbackLoop,
            disparity = o.Disparity,
            seconds = o.SecondsTaken,
        }),
    };

    private static EvaluationOutcome? Baseline(IReadOnlyList<EvaluationOutcome> outcomes, EvaluationOutcome o) =>
        outcomes.FirstOrDefault(x => x.Selection.Family == Vigil.Forecasting.Models.ModelFamily.Kde && x.Backtest.Category == o.Backtest.Category && x.Backtest.HorizonDays == o.Backtest.HorizonDays);

    /// <summary>Mean PAI over the NIJ absolute areas (targets given in square miles).</summary>
    private static double NijMean(EvaluationOutcome o)
    {
        double sum = 0;
        var n = 0;
        foreach (var a in o.Backtest.Areas)
        {
            if (a.Target.SquareMiles > 0)
            {
                sum += a.MeanPai;
                n++;
            }
        }

        return n > 0 ? sum / n : 0;
    }

    private static string Unit(ForecastInputs inputs) => inputs.Projection.MetresPerUnit == 1 ? "m" : "ft";

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
