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
        var mot20 = new Option<bool>("--mot20") { Description = "MOT20 ground truth: also treat class 6 as a distractor" };
        var interpolate = new Option<int>("--interpolate")
        {
            Description = "OFFLINE post-processing: fill gaps of up to N frames in each track by linear interpolation (ByteTrack uses 20); 0 = online output only",
            DefaultValueFactory = _ => 0,
        };
        var frameStep = new Option<int>("--frame-step")
        {
            Description = "Keep every Nth frame of all files (frames 1, 1+N, …, renumbered) and track at fps/N: the same scene at a lower frame rate",
            DefaultValueFactory = _ => 1,
        };
        var highScore = new Option<float?>("--high-score") { Description = "Tracker setting: first-association score threshold (default 0.6)" };
        var newTrackScore = new Option<float?>("--new-track-score") { Description = "Tracker setting: lowest score that starts a track (default 0.7)" };
        var minIou = new Option<double?>("--min-iou") { Description = "Tracker setting: lowest IoU accepted in the first association (default 0.2)" };
        var lostBuffer = new Option<int?>("--lost-buffer") { Description = "Tracker setting: frames at 30 fps a lost track is kept (default 30)" };
        var cmd = new Command("eval", "Score tracks against ground truth: CLEAR MOT (MOTA, MOTP, FP, FN, ID switches) and IDF1")
        {
            gt, det, tracks, fps, output, mot20, interpolate, frameStep, highScore, newTrackScore, minIou, lostBuffer,
        };
        cmd.SetAction((ParseResult r) =>
        {
            var defaults = new ByteTrackerOptions();
            var settings = defaults with
            {
                HighScoreThreshold = r.GetValue(highScore) ?? defaults.HighScoreThreshold,
                NewTrackThreshold = r.GetValue(newTrackScore) ?? defaults.NewTrackThreshold,
                FirstMatchMaxDistance = r.GetValue(minIou) is { } iou ? 1 - iou : defaults.FirstMatchMaxDistance,
                LostTrackBufferAt30Fps = r.GetValue(lostBuffer) ?? defaults.LostTrackBufferAt30Fps,
            };
            return RunEval(
                r.GetValue(gt)!, r.GetValue(det), r.GetValue(tracks), r.GetValue(fps), r.GetValue(output), r.GetValue(mot20), r.GetValue(interpolate),
                r.GetValue(frameStep), settings, r.GetValue(GlobalOptions.Json));
        });
        return cmd;
    }

    private static int RunEval(string gtPath, string? detPath, string? tracksPath, double fps, string? outPath, bool mot20, int interpolate, int frameStep, ByteTrackerOptions settings, bool json)
    {
        if ((detPath is null) == (tracksPath is null))
        {
            return Fail("give exactly one of --det (run the tracker) or --tracks (evaluate an existing output)");
        }

        if (!(fps > 0) || double.IsInfinity(fps))
        {
            return Fail($"--fps must be a positive number, got {fps.ToString(CultureInfo.InvariantCulture)}");
        }

        if (frameStep < 1)
        {
            return Fail("--frame-step must be at least 1");
        }

        if (settings.Validate() is { } invalid)
        {
            return Fail($"tracker settings: {invalid}");
        }

        if (interpolate < 0 || (interpolate > 0 && detPath is null))
        {
            return Fail("--interpolate must be a non-negative frame count and needs --det (it post-processes the Vigil tracker's output)");
        }

        if (!MotReader.TryReadFile(gtPath, out var groundTruth, out var error))
        {
            return Fail($"cannot read ground truth: {error}");
        }

        groundTruth = EveryNthFrame(groundTruth, frameStep);
        MotSequence hypotheses;
        var elapsedMs = 0.0;
        var trackerName = "file";
        if (detPath is not null)
        {
            if (!MotReader.TryReadFile(detPath, out var detections, out error))
            {
                return Fail($"cannot read detections: {error}");
            }

            detections = EveryNthFrame(detections, frameStep);
            var options = settings with { FrameRate = fps / frameStep };
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            hypotheses = MotSequenceTracker.Run(detections, options);
            elapsedMs = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            trackerName = settings == new ByteTrackerOptions() ? "vigil-bytetrack" : "vigil-bytetrack, non-default settings";
            if (interpolate > 0)
            {
                // Needs the frame after each gap, so the result is an offline figure; the name says so in every output.
                hypotheses = OfflineGapInterpolation.Fill(hypotheses, interpolate);
                trackerName = $"vigil-bytetrack + offline interpolation ({interpolate.ToString(CultureInfo.InvariantCulture)} frames)";
            }

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
        else
        {
            hypotheses = EveryNthFrame(hypotheses, frameStep);
        }

        // 9-column MOT16/17/20 ground truth carries classes and needs the standard distractor handling.
        if (MotChallengePreprocessing.HasClasses(groundTruth))
        {
            (groundTruth, hypotheses) = MotChallengePreprocessing.Apply(groundTruth, hypotheses, mot20);
        }

        var m = new MotEvaluator().Evaluate(groundTruth, hypotheses);
        if (json)
        {
            var doc = new { groundTruth = gtPath, detections = detPath, tracks = tracksPath, tracker = trackerName, frameRate = fps / frameStep, frameStep, trackingMs = elapsedMs, metrics = m };
            Console.Out.WriteLine(JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
            return 0;
        }

        var c = CultureInfo.InvariantCulture;
        var sequence = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(gtPath)))) ?? gtPath;
        var table = new Table().Title($"[bold]{Markup.Escape(sequence)}[/] ({trackerName})");
        table.AddColumn("metric");
        table.AddColumn(new TableColumn("value").RightAligned());
        table.AddColumn("meaning");
        table.AddRow("MOTA", Pct(m.Mota), "1 - (FN + FP + IDsw) / GT boxes, %");
        table.AddRow("IDF1", Pct(m.Idf1), "identity F1 over the whole sequence, %");
        table.AddRow("MOTP", Pct(m.Motp), "mean IoU of matched boxes, %");
        table.AddRow("IDP / IDR", $"{Pct(m.Idp)} / {Pct(m.Idr)}", "identity precision / recall, %");
        table.AddRow("Rcll / Prcn", $"{Pct(m.Recall)} / {Pct(m.Precision)}", "box recall / precision, %");
        table.AddRow("FP", m.FalsePositives.ToString(c), "false positives");
        table.AddRow("FN", m.FalseNegatives.ToString(c), "missed ground-truth boxes");
        table.AddRow("IDsw", m.IdSwitches.ToString(c), "identity switches");
        table.AddRow("FM", m.Fragmentations.ToString(c), "fragmentations");
        table.AddRow("MT / PT / ML", $"{m.MostlyTracked} / {m.PartiallyTracked} / {m.MostlyLost}", "mostly tracked / partly / mostly lost trajectories");
        table.AddRow("GT", $"{m.GroundTruthTracks} tracks, {m.GroundTruthBoxes} boxes", "ground truth");
        table.AddRow("Frames", m.Frames.ToString(c), string.Empty);
        AnsiConsole.Write(table);
        if (detPath is not null)
        {
            AnsiConsole.MarkupLine($"tracked in {elapsedMs.ToString("0.0", c)} ms (including JIT start-up)");
        }

        return 0;
    }

    /// <summary>Frames 1, 1 + step, 1 + 2 step, … renumbered 1, 2, 3, …; the sequence itself when step is 1.</summary>
    private static MotSequence EveryNthFrame(MotSequence sequence, int step)
    {
        if (step == 1)
        {
            return sequence;
        }

        var kept = new List<MotRow>(sequence.Count / step + 1);
        foreach (ref readonly var row in sequence.Rows)
        {
            if ((row.Frame - 1) % step == 0)
            {
                kept.Add(row with { Frame = ((row.Frame - 1) / step) + 1 });
            }
        }

        return MotSequence.FromRows(kept);
    }

    private static string Pct(double fraction) => (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture);

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return 2;
    }
}
