namespace Vigil.Anomaly.Nab;

/// <summary>
/// Runs a detector over every file of a corpus, chooses each profile's threshold over the whole corpus
/// and scores every file with it, following the NAB v1.1 rules.
/// </summary>
public static class NabBenchmark
{
    /// <summary>
    /// Runs the benchmark. The factory receives each file's probationary length, which NAB hands to every detector
    /// as its learning period. Files without an entry in <paramref name="windows"/> must be filtered out by the caller.
    /// </summary>
    public static NabReport Run(
        IReadOnlyList<NabInputFile> files,
        IReadOnlyDictionary<string, NabWindow[]> windows,
        IReadOnlyList<NabProfile> profiles,
        Func<int, IStreamingDetector> createDetector,
        TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(createDetector);
        ArgumentNullException.ThrowIfNull(timeProvider);

        var scored = new List<NabScoredFile>(files.Count);
        var fileSeconds = new double[files.Count];
        long points = 0;
        var seconds = 0.0;
        for (var f = 0; f < files.Count; f++)
        {
            var file = files[f];
            var series = file.Series;
            var layout = NabScoringLayout.Create(series.Timestamps, windows[file.Key]);
            var detector = createDetector(layout.ProbationaryRows);
            var scores = new double[series.Count];
            var timestamps = series.Timestamps;
            var values = series.Values;
            var start = timeProvider.GetTimestamp();
            for (var i = 0; i < scores.Length; i++)
            {
                scores[i] = detector.Observe(timestamps[i], values[i]).Likelihood;
            }

            fileSeconds[f] = timeProvider.GetElapsedTime(start).TotalSeconds;

            // NAB expects scores in [0, 1]; a NaN would also break the ordering the threshold sweep relies on.
            for (var i = 0; i < scores.Length; i++)
            {
                scores[i] = double.IsNaN(scores[i]) ? 0 : Math.Clamp(scores[i], 0, 1);
            }

            seconds += fileSeconds[f];
            points += scores.Length;
            scored.Add(new NabScoredFile(file.Key, layout, scores));
        }

        var windowCount = 0;
        foreach (var file in scored)
        {
            windowCount += file.Layout.WindowCount;
        }

        var profileResults = new List<NabProfileResult>(profiles.Count);
        foreach (var profile in profiles)
        {
            var (threshold, raw) = NabThresholdSweep.FindBest(scored, profile);
            profileResults.Add(new NabProfileResult(profile, threshold, raw, NabThresholdSweep.Normalise(raw, windowCount, profile)));
        }

        var fileResults = new List<NabFileResult>(scored.Count);
        for (var f = 0; f < scored.Count; f++)
        {
            var file = scored[f];
            var perProfile = new NabFileScore[profiles.Count];
            for (var p = 0; p < profiles.Count; p++)
            {
                perProfile[p] = file.Layout.Score(file.Scores, profileResults[p].Threshold, profiles[p]);
            }

            var pps = fileSeconds[f] > 0 ? file.Scores.Length / fileSeconds[f] : double.PositiveInfinity;
            fileResults.Add(new NabFileResult(file.Key, file.Layout.RowCount, file.Layout.WindowCount, pps, perProfile));
        }

        return new NabReport(profileResults, fileResults, points, seconds);
    }
}
