using System.Globalization;
using Vigil.CameraAnalytics.Evaluation;
using Vigil.CameraAnalytics.Mot;
using Vigil.Testing;

namespace Vigil.CameraAnalytics.Tests.Evaluation;

/// <summary>
/// The evaluator must reproduce the published figures for the reference tracker outputs, transcribed in
/// <c>tracking/expected_metrics.csv</c> from the EvalDeT integration test (tadejsv/EvalDeT@eba06bb) and the
/// MOTChallenge devkit v1.4 README. "Within rounding" means within half a unit of the last printed digit.
/// HOTA and its parts are not implemented and are not checked.
/// </summary>
public sealed class ReferenceMetricsTests
{
    private const string Csv = "tracking/expected_metrics.csv";

    [DataTheory(Csv)]
    [InlineData("TUD-Campus")]
    [InlineData("TUD-Stadtmitte")]
    public void Evaluate_devkit_demo_output_reproduces_published_metrics(string sequence)
    {
        var rows = ExpectedRows(sequence);
        Assert.NotEmpty(rows);
        var metrics = Evaluate(rows[0].GtFile, rows[0].TrackerFile);

        var checkedCount = 0;
        foreach (var row in rows)
        {
            var percent = row.Source.Contains("devkit", StringComparison.Ordinal);
            double? actual = row.Metric switch
            {
                "MOTA" => Scale(metrics.Mota, percent),
                "MOTP" => percent ? metrics.Motp * 100 : 1 - metrics.Motp,
                "MOTAL" => Scale(metrics.Motal, percent),
                "FP" => metrics.FalsePositives,
                "FN" => metrics.FalseNegatives,
                "IDSW" or "IDs" => metrics.IdSwitches,
                "FM" => metrics.Fragmentations,
                "IDP" => Scale(metrics.Idp, percent),
                "IDR" => Scale(metrics.Idr, percent),
                "IDF1" => Scale(metrics.Idf1, percent),
                "Rcll" => Scale(metrics.Recall, percent),
                "Prcn" => Scale(metrics.Precision, percent),
                "FAR" => (double)metrics.FalsePositives / metrics.Frames,
                "GT" => metrics.GroundTruthTracks,
                "MT" => metrics.MostlyTracked,
                "PT" => metrics.PartiallyTracked,
                "ML" => metrics.MostlyLost,
                _ => null,
            };
            if (actual is null)
            {
                continue;
            }

            var tolerance = (0.5 * Math.Pow(10, -Decimals(row.Value))) + 1e-9;
            var expected = double.Parse(row.Value, CultureInfo.InvariantCulture);
            Assert.True(
                Math.Abs(actual.Value - expected) <= tolerance,
                $"{sequence} {row.Metric} ({row.Source}): expected {row.Value}, got {actual.Value.ToString("0.####", CultureInfo.InvariantCulture)}");
            checkedCount++;
        }

        // 8 EvalDeT values and 17 devkit values per sequence (HOTA family excluded).
        Assert.Equal(25, checkedCount);
    }

    private static double Scale(double fraction, bool percent) => percent ? fraction * 100 : fraction;

    private static int Decimals(string value)
    {
        var dot = value.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? 0 : value.Length - dot - 1;
    }

    private static MotMetrics Evaluate(string gtFile, string trackerFile)
    {
        Assert.True(MotReader.TryReadFile(TestData.PathTo("tracking/" + gtFile), out var gt, out var error), error);
        Assert.True(MotReader.TryReadFile(TestData.PathTo("tracking/" + trackerFile), out var hyp, out error), error);
        return new MotEvaluator().Evaluate(gt, hyp);
    }

    private static List<ExpectedRow> ExpectedRows(string sequence)
    {
        var result = new List<ExpectedRow>();
        var lines = File.ReadAllLines(TestData.PathTo(Csv));
        for (var i = 1; i < lines.Length; i++)
        {
            var f = SplitCsv(lines[i]);
            if (f.Count < 8 || f[0] != sequence || f[3].Length == 0)
            {
                continue;
            }

            result.Add(new ExpectedRow(f[2], f[3], f[5], f[6], f[7]));
        }

        return result;
    }

    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var ch in line)
        {
            if (ch == '"')
            {
                quoted = !quoted;
            }
            else if (ch == ',' && !quoted)
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(ch);
            }
        }

        fields.Add(current.ToString());
        return fields;
    }

    private sealed record ExpectedRow(string GtFile, string TrackerFile, string Source, string Metric, string Value);
}
