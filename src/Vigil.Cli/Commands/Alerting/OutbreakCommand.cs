using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Alerting.Outbreak;

namespace Vigil.Cli.Commands.Alerting;

/// <summary><c>vigil outbreak --method ears-c1|ears-c2|ears-c3|farrington --csv &lt;file&gt;</c>: prints the alarms.</summary>
internal static class OutbreakCommand
{
    public static Command Create()
    {
        var method = new Option<string>("--method") { Description = "ears-c1, ears-c2, ears-c3 or farrington", Required = true };
        method.AcceptOnlyFromAmong("ears-c1", "ears-c2", "ears-c3", "farrington");
        var csv = new Option<string>("--csv") { Description = "Count series: one row per period, a count column, optional label first", Required = true };
        var frequency = new Option<int>("--frequency") { Description = "Periods per year for Farrington (52 weekly, 365 daily)", DefaultValueFactory = _ => 52 };
        var threshold = new Option<string>("--threshold") { Description = "Farrington bound: delta (2/3-power normal) or negbin (Noufaily et al. 2013)", DefaultValueFactory = _ => "delta" };
        threshold.AcceptOnlyFromAmong("delta", "negbin");
        var alpha = new Option<double?>("--alpha") { Description = "False-alarm probability (defaults: EARS 0.001, C3 0.025; Farrington 0.05)" };
        var command = new Command("outbreak", "Detect outbreaks in a daily or weekly count series (EARS C1/C2/C3, improved Farrington)")
        {
            method,
            csv,
            frequency,
            threshold,
            alpha,
        };
        command.SetAction(r => Run(
            r.GetValue(method)!,
            r.GetValue(csv)!,
            r.GetValue(frequency),
            r.GetValue(threshold)!,
            r.GetValue(alpha),
            r.GetValue(GlobalOptions.Json)));
        return command;
    }

    private static int Run(string method, string path, int frequency, string threshold, double? alpha, bool json)
    {
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"error: CSV file '{path}' not found.");
            return 2;
        }

        if (alpha is { } a && a is <= 0 or >= 1)
        {
            Console.Error.WriteLine("error: --alpha must lie between 0 and 1.");
            return 2;
        }

        CountSeries? series;
        string? error;
        using (var reader = File.OpenText(path))
        {
            if (!CountSeries.TryRead(reader, out series, out error))
            {
                Console.Error.WriteLine($"error: {path}: {error}");
                return 2;
            }
        }

        List<OutbreakPoint> points;
        if (method == "farrington")
        {
            var options = new FarringtonOptions
            {
                Frequency = frequency,
                Threshold = threshold == "negbin" ? FarringtonThreshold.NegativeBinomial : FarringtonThreshold.Delta,
                Alpha = alpha ?? 0.05,
            };
            if (frequency < 10)
            {
                Console.Error.WriteLine("error: --frequency must be at least 10 periods per year.");
                return 2;
            }

            if (series!.Counts.Length <= options.FirstIndex)
            {
                Console.Error.WriteLine($"error: Farrington needs more than {options.FirstIndex} periods ({options.YearsBack} years of baseline); the file has {series.Counts.Length}.");
                return 2;
            }

            points = Farrington.Detect(series.Counts, options);
        }
        else
        {
            var ears = method switch { "ears-c1" => EarsMethod.C1, "ears-c2" => EarsMethod.C2, _ => EarsMethod.C3 };
            var options = new EarsOptions { Alpha = alpha };
            if (series!.Counts.Length <= Ears.FirstIndex(ears, options.Baseline))
            {
                Console.Error.WriteLine($"error: {method} needs more than {Ears.FirstIndex(ears, options.Baseline)} periods; the file has {series.Counts.Length}.");
                return 2;
            }

            points = Ears.Detect(series.Counts, ears, options);
        }

        var alarms = points.Where(p => p.Alarm).ToList();
        if (json)
        {
            CliJson.Write(new
            {
                method,
                periods = series.Counts.Length,
                evaluated = points.Count,
                alarms = alarms.Select(p => new { period = series.Labels[p.Index], index = p.Index + 1, observed = p.Observed, upperBound = p.UpperBound }),
            });
            return 0;
        }

        Console.Out.WriteLine($"{method}: {points.Count} of {series.Counts.Length} periods evaluated, {alarms.Count} alarm(s).");
        if (alarms.Count > 0)
        {
            var table = new Table().AddColumn("period").AddColumn("observed").AddColumn("upper bound");
            foreach (var p in alarms)
            {
                table.AddRow(
                    Markup.Escape(series.Labels[p.Index]),
                    p.Observed.ToString(CultureInfo.InvariantCulture),
                    p.UpperBound.ToString("0.##", CultureInfo.InvariantCulture));
            }

            AnsiConsole.Write(table);
        }

        return 0;
    }
}
