using Vigil.Anomaly.Nab;
using Vigil.Testing;

namespace Vigil.Anomaly.Tests;

/// <summary>
/// The default detector over the shared NAB developer subset (41 files, 64 windows), scored by our NAB
/// implementation. Guards against regressions of the figures recorded in docs/benchmarks.md (71.2 standard).
/// </summary>
public sealed class NabCorpusTests
{
    [DataFact("nab/labels/combined_windows.json")]
    public void Default_detector_keeps_its_score_on_the_shared_subset()
    {
        Dictionary<string, NabWindow[]> windows;
        using (var stream = File.OpenRead(TestData.PathTo("nab/labels/combined_windows.json")))
        {
            Assert.True(NabLabelFiles.TryReadWindows(stream, out windows, out var error), error);
        }

        var root = TestData.PathTo("nab/data");
        var paths = Directory.GetFiles(root, "*.csv", SearchOption.AllDirectories);
        Array.Sort(paths, StringComparer.Ordinal);
        var files = new List<NabInputFile>();
        foreach (var path in paths)
        {
            var key = Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
            if (!windows.ContainsKey(key))
            {
                continue;
            }

            using var reader = new StreamReader(path);
            Assert.True(NabSeries.TryRead(reader, out var series, out var error), error);
            files.Add(new NabInputFile(key, series!));
        }

        var report = NabBenchmark.Run(
            files,
            windows,
            NabProfile.Defaults,
            learning => DetectorCatalog.TryCreate(DetectorCatalog.DefaultName, learning, out var detector) ? detector : throw new InvalidOperationException(),
            TimeProvider.System);

        // Detectors are deterministic, so the score is exact; a small margin lets harmless rounding changes through.
        Assert.InRange(report.Profiles[0].NormalisedScore, 70.7, 100.0);
        Assert.InRange(report.Profiles[1].NormalisedScore, 65.5, 100.0);
        Assert.InRange(report.Profiles[2].NormalisedScore, 74.1, 100.0);
    }
}
