namespace Vigil.Alerting.Tests.Outbreak;

/// <summary>
/// Re-runs scripts/outbreak-reference.R with the installed R 'surveillance' package and compares its fresh output with
/// our detectors, so that CI checks the comparison itself rather than only the committed values.
/// </summary>
public sealed class OutbreakRComparisonTests
{
    [RscriptFact]
    public void Reference_script_rerun_with_R_matches_our_detectors()
    {
        var root = Rscript.RepositoryRoot();
        var output = Directory.CreateTempSubdirectory("vigil-outbreak-r-");
        try
        {
            var (exit, log) = Rscript.Run(root, Path.Combine("scripts", "outbreak-reference.R"), output.FullName);
            Assert.True(exit == 0, "outbreak-reference.R failed: " + log);
            var fresh = OutbreakReference.Load(output.FullName);
            Assert.NotEmpty(fresh.Rows);
            var mismatches = new List<string>();
            foreach (var group in fresh.Rows.GroupBy(r => (r.Dataset, r.Method)))
            {
                var ours = OutbreakReferenceTests.Run(fresh.Series[group.Key.Dataset], group.Key.Method).ToDictionary(p => p.Index);
                var tolerance = group.Key.Method.StartsWith("ears", StringComparison.Ordinal) ? OutbreakReferenceTests.EarsTolerance : 0;
                foreach (var row in group)
                {
                    var point = ours[row.Index];
                    var bothNaN = double.IsNaN(row.UpperBound) && double.IsNaN(point.UpperBound);
                    var allowed = Math.Max(tolerance, OutbreakReferenceTests.FarringtonRelativeTolerance * Math.Abs(row.UpperBound));
                    if ((!bothNaN && !(Math.Abs(point.UpperBound - row.UpperBound) <= allowed)) || point.Alarm != row.Alarm)
                    {
                        mismatches.Add($"{group.Key.Dataset} {group.Key.Method} t={row.Index + 1}: ours {point.UpperBound:R}/{point.Alarm}, R {row.UpperBound:R}/{row.Alarm}");
                    }
                }
            }

            Assert.True(mismatches.Count == 0, string.Join('\n', mismatches.Take(20)));
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }
}
