namespace Vigil.Anomaly.Nab;

/// <summary>The outcome of running a detector over a corpus and scoring it under each profile.</summary>
public sealed record NabReport(
    IReadOnlyList<NabProfileResult> Profiles,
    IReadOnlyList<NabFileResult> Files,
    long Points,
    double DetectorSeconds)
{
    /// <summary>Points scored per second of detector time (parsing and scoring excluded).</summary>
    public double PointsPerSecond => DetectorSeconds > 0 ? Points / DetectorSeconds : double.PositiveInfinity;

    public int WindowCount
    {
        get
        {
            var count = 0;
            foreach (var file in Files)
            {
                count += file.Windows;
            }

            return count;
        }
    }
}

/// <summary>A profile's corpus-wide threshold and score.</summary>
public sealed record NabProfileResult(NabProfile Profile, double Threshold, double RawScore, double NormalisedScore);

/// <summary>One file's result under every profile, in the order of <see cref="NabReport.Profiles"/>.</summary>
public sealed record NabFileResult(string Key, int Rows, int Windows, double PointsPerSecond, IReadOnlyList<NabFileScore> Scores)
{
    /// <summary>The file's own normalised score under a profile; NaN for a file without windows.</summary>
    public double Normalised(int profileIndex, NabProfile profile) =>
        Windows == 0 ? double.NaN : NabThresholdSweep.Normalise(Scores[profileIndex].Raw, Windows, profile);
}
