using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Vigil.CameraAnalytics.Evaluation;
using Vigil.CameraAnalytics.Mot;
using Vigil.CameraAnalytics.Tracking;

namespace Vigil.Cli.Commands.CameraAnalytics;

/// <summary><c>vigil tracking ...</c>: offline multi-object tracking runs and their evaluation on MOTChallenge files.</summary>
internal static class TrackingCommand
{
    public static Command Create()
    {
        var command = new Command("tracking", "Multi-object tracking on camera detections (MOTChallenge files)");
        command.Add(CreateEval());
        return command;
    }

    private static Command CreateEval()
    {
        var gt = new Option<string>("--gt") { Description = "Ground truth, MOTChallenge gt.txt", Required = true };
        var det = new Option<string?>("--det") { Description = "Detections (det.txt) to run the Vigil tracker on" };
        var tracks = new Option<string?>("--tracks") { Description = "An existing tracker output to evaluate instead of running the tracker" };
        var fps = new Option<double>("--fps") { Description = "Camera frame rate; scales how long lost tracks are kept", DefaultValueFactory = _ => 30 };
        var output = new Option<string?>("--out") { Description = "Write the Vigil tracker's output here (MOTChallenge format)" };
        var cmd = new Command("eval", "Score tracks against ground truth: CLEAR MOT (MOTA, MOTP, FP, FN, ID switches) and IDF1")
        {
            gt, det, tracks, fps, output,
        };
        cmd.SetAction((ParseResult r) => RunEval(
            r.GetValue(gt)!, r.GetValue(det), r.GetValue(tracks), r.GetValue(fps), r.GetValue(output), r.GetValue(GlobalOptions.Json)));
        return cmd;
    }

    private static int RunEval(string gtPath, string? detPath, string? tracksPath, double fps, string? outPath, bool json)
    {
        if ((detPath is null) == (tracksPath is null))
        {
            return Fail("give exactly one of --det (run the tracker) or --tracks (evaluate an existing output)");
        }

        if (!(fps > 0) || double.IsInfinity(fps))
        {
            return Fail($"--fps must be a positive number, got {fps.ToString(CultureInfo.InvariantCulture)}");
        }

        if (!MotReader.TryReadFile(gtPath, out var groundTruth, out var error))
        {
            return Fail($"cannot read ground truth: {error}");
        }

        MotSequence hypotheses;
        var elapsedMs = 0.0;
        var trackerName = "file";
        if (detPath is not null)
        {
            if (!MotReader.TryReadFile(detPath, out var detections, out error))
            {
                return Fail($"cannot read detections: {error}");
            }

            var options = new ByteTrackerOptions { FrameRate = fps };
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            hypotheses = MotSequenceTracker.Run(detections, options);
            elapsedMs = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            trackerName = "vigil-bytetrack";
            if (outPath is not null)
            {
                try
                {
                    using var writer = new StreamWriter(outPath);
                    MotWriter.Write(writer, hypotheses.Rows.ToArray());
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    return Fail($"cannot write {outPath}: {e.Message}");
                }
            }
        }
        else if (!MotReader.TryReadFile(tracksPath!, out hypotheses, out error))
        {
            return Fail($"cannot read tracker output: {error}");
        }

        var m = new MotEvaluator().Evaluate(groundTruth, hypotheses);
        if (json)
        {
            var doc = new { groundTruth = gtPath, detections = detPath, tracks = tracksPath, tracker = trackerName, frameRate = fps, trackingMs = elapsedMs, metrics = m };
            Console.Out.WriteLine(JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
            return 0;
        }

        var table = new Table().Title($"[bold]{Markup.Escape(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(gtPath))) ?? gtPath))}[/] ({trackerName})");
        foreach (var h in new[] { "MOTA", "IDF1", "MOTP", "IDP", "IDR", "Rcll", "Prcn", "FP", "FN", "IDsw", "FM", "MT", "PT", "ML", "GT", "Frames" })
        {
            table.AddColumn(new TableColumn(h).RightAligned());
        }

        var c = CultureInfo.InvariantCulture;
        table.AddRow(
            Pct(m.Mota), Pct(m.Idf1), Pct(m.Motp), Pct(m.Idp), Pct(m.Idr), Pct(m.Recall), Pct(m.Precision),
            m.FalsePositives.ToString(c), m.FalseNegatives.ToString(c), m.IdSwitches.ToString(c), m.Fragmentations.ToString(c),
            m.MostlyTracked.ToString(c), m.PartiallyTracked.ToString(c), m.MostlyLost.ToString(c), m.GroundTruthTracks.ToString(c), m.Frames.ToString(c));
        AnsiConsole.Write(table);
        if (detPath is not null)
        {
            AnsiConsole.MarkupLine($"tracked {m.Frames} frames in {elapsedMs.ToString("0.0", c)} ms (including start-up); MOTP = mean IoU x 100");
        }

        return 0;
    }

    private static string Pct(double fraction) => (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture);

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return 2;
    }
}
