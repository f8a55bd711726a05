using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Vigil.Anomaly;
using Vigil.Anomaly.Nab;

namespace Vigil.Cli.Commands.Anomaly;

/// <summary><c>vigil nab</c>: runs a streaming detector over a NAB-shaped corpus and scores it.</summary>
internal static class NabCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data")
        {
            Description = "Folder of NAB data CSVs (searched recursively; keys are paths relative to it)",
            Required = true,
        };
        var windows = new Option<string>("--windows")
        {
            Description = "NAB combined_windows.json",
            Required = true,
        };
        var profiles = new Option<string?>("--profiles")
        {
            Description = "NAB profiles.json (default: the three NAB v1.1 profiles)",
        };
        var detector = new Option<string>("--detector")
        {
            Description = "Detector to run: " + string.Join(", ", DetectorCatalog.Names),
            DefaultValueFactory = _ => DetectorCatalog.DefaultName,
        };
        var perFile = new Option<bool>("--per-file")
        {
            Description = "Print the table of per-file scores (always included with --json)",
            DefaultValueFactory = _ => true,
        };

        var command = new Command("nab", "Score a streaming anomaly detector on the Numenta Anomaly Benchmark")
        {
            data, windows, profiles, detector, perFile,
        };
        command.SetAction((ParseResult result, CancellationToken ct) => Task.FromResult(Run(
            result.GetValue(data)!,
            result.GetValue(windows)!,
            result.GetValue(profiles),
            result.GetValue(detector)!,
            result.GetValue(perFile),
            result.GetValue(GlobalOptions.Json),
            ct)));
        return command;
    }

    private static int Run(string dataDir, string windowsPath, string? profilesPath, string detectorName, bool perFile, bool json, CancellationToken ct)
    {
        if (!Directory.Exists(dataDir))
        {
            return Fail($"data folder '{dataDir}' does not exist");
        }

        if (!File.Exists(windowsPath))
        {
            return Fail($"windows file '{windowsPath}' does not exist");
        }

        if (!DetectorCatalog.TryCreate(detectorName, 0, out _))
        {
            return Fail($"unknown detector '{detectorName}'; choose one of {string.Join(", ", DetectorCatalog.Names)}");
        }

        Dictionary<string, NabWindow[]> windowMap;
        using (var stream = File.OpenRead(windowsPath))
        {
            if (!NabLabelFiles.TryReadWindows(stream, out windowMap, out var error))
            {
                return Fail($"windows file '{windowsPath}': {error}");
            }
        }

        IReadOnlyList<NabProfile> profileList = NabProfile.Defaults;
        if (profilesPath is not null)
        {
            if (!File.Exists(profilesPath))
            {
                return Fail($"profiles file '{profilesPath}' does not exist");
            }

            using var stream = File.OpenRead(profilesPath);
            if (!NabLabelFiles.TryReadProfiles(stream, out var read, out var error))
            {
                return Fail($"profiles file '{profilesPath}': {error}");
            }

            profileList = read;
        }

        var root = Path.GetFullPath(dataDir);
        var paths = Directory.GetFiles(root, "*.csv", SearchOption.AllDirectories);
        Array.Sort(paths, StringComparer.Ordinal);
        var inputs = new List<NabInputFile>(paths.Length);
        var unlabelled = new List<string>();
        foreach (var path in paths)
        {
            ct.ThrowIfCancellationRequested();
            var key = Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
            if (!windowMap.ContainsKey(key))
            {
                unlabelled.Add(key);
                continue;
            }

            using var reader = new StreamReader(path);
            if (!NabSeries.TryRead(reader, out var series, out var error))
            {
                return Fail($"data file '{key}': {error}");
            }

            inputs.Add(new NabInputFile(key, series!));
        }

        if (inputs.Count == 0)
        {
            return Fail($"no CSV under '{dataDir}' has an entry in '{windowsPath}'");
        }

        var report = NabBenchmark.Run(
            inputs,
            windowMap,
            profileList,
            learning => DetectorCatalog.TryCreate(detectorName, learning, out var created) ? created! : throw new InvalidOperationException("detector vanished"),
            TimeProvider.System);

        if (json)
        {
            WriteJson(report, detectorName, unlabelled);
        }
        else
        {
            WriteTables(report, detectorName, unlabelled, perFile);
        }

        return 0;
    }

    private static void WriteTables(NabReport report, string detectorName, List<string> unlabelled, bool perFile)
    {
        var profiles = report.Profiles;
        if (perFile)
        {
            var table = new Table().Title($"NAB per file ({Markup.Escape(detectorName)})");
            table.AddColumn("file");
            table.AddColumn(new TableColumn("rows").RightAligned());
            table.AddColumn(new TableColumn("windows").RightAligned());
            foreach (var profile in profiles)
            {
                table.AddColumn(new TableColumn(Markup.Escape(profile.Profile.Name)).RightAligned());
            }

            table.AddColumn(new TableColumn("TP/FN/FP (std)").RightAligned());
            table.AddColumn(new TableColumn("points/s").RightAligned());
            foreach (var file in report.Files)
            {
                var cells = new List<string> { Markup.Escape(file.Key), Num(file.Rows), Num(file.Windows) };
                for (var p = 0; p < profiles.Count; p++)
                {
                    var normalised = file.Normalised(p, profiles[p].Profile);
                    var raw = file.Scores[p].Raw;
                    cells.Add(double.IsNaN(normalised)
                        ? string.Create(CultureInfo.InvariantCulture, $"raw {raw:F2}")
                        : string.Create(CultureInfo.InvariantCulture, $"{normalised:F1}"));
                }

                var s = file.Scores[0];
                cells.Add(string.Create(CultureInfo.InvariantCulture, $"{s.DetectedWindows}/{s.MissedWindows}/{s.FalsePositives}"));
                cells.Add(Num((long)file.PointsPerSecond));
                table.AddRow(cells.ToArray());
            }

            AnsiConsole.Write(table);
        }

        var totals = new Table().Title("NAB corpus score");
        totals.AddColumn("profile");
        totals.AddColumn(new TableColumn("threshold").RightAligned());
        totals.AddColumn(new TableColumn("raw").RightAligned());
        totals.AddColumn(new TableColumn("normalised").RightAligned());
        foreach (var profile in profiles)
        {
            totals.AddRow(
                Markup.Escape(profile.Profile.Name),
                profile.Threshold.ToString("G6", CultureInfo.InvariantCulture),
                profile.RawScore.ToString("F3", CultureInfo.InvariantCulture),
                profile.NormalisedScore.ToString("F1", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(totals);
        AnsiConsole.MarkupLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{report.Files.Count} files, {report.WindowCount} windows, {report.Points:N0} points, detector throughput {report.PointsPerSecond:N0} points/s (one thread)"));
        foreach (var key in unlabelled)
        {
            AnsiConsole.MarkupLine($"[yellow]skipped {Markup.Escape(key)}: no entry in the windows file[/]");
        }
    }

    private static void WriteJson(NabReport report, string detectorName, List<string> unlabelled)
    {
        using var stdout = Console.OpenStandardOutput();
        using var writer = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteString("detector", detectorName);
        writer.WriteNumber("files", report.Files.Count);
        writer.WriteNumber("windows", report.WindowCount);
        writer.WriteNumber("points", report.Points);
        writer.WriteNumber("pointsPerSecond", Math.Round(report.PointsPerSecond));
        writer.WriteStartArray("profiles");
        foreach (var profile in report.Profiles)
        {
            writer.WriteStartObject();
            writer.WriteString("name", profile.Profile.Name);
            writer.WriteNumber("threshold", profile.Threshold is double.PositiveInfinity ? double.MaxValue : profile.Threshold);
            writer.WriteNumber("raw", profile.RawScore);
            writer.WriteNumber("score", profile.NormalisedScore);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("perFile");
        foreach (var file in report.Files)
        {
            writer.WriteStartObject();
            writer.WriteString("file", file.Key);
            writer.WriteNumber("rows", file.Rows);
            writer.WriteNumber("windows", file.Windows);
            writer.WriteNumber("pointsPerSecond", Math.Round(file.PointsPerSecond));
            for (var p = 0; p < report.Profiles.Count; p++)
            {
                var profile = report.Profiles[p].Profile;
                var s = file.Scores[p];
                writer.WriteStartObject(profile.Name);
                writer.WriteNumber("raw", s.Raw);
                var normalised = file.Normalised(p, profile);
                if (double.IsNaN(normalised))
                {
                    writer.WriteNull("score");
                }
                else
                {
                    writer.WriteNumber("score", normalised);
                }

                writer.WriteNumber("detected", s.DetectedWindows);
                writer.WriteNumber("missed", s.MissedWindows);
                writer.WriteNumber("falsePositives", s.FalsePositives);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("skipped");
        foreach (var key in unlabelled)
        {
            writer.WriteStringValue(key);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static string Num(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"vigil nab: {message}");
        return 2;
    }
}
