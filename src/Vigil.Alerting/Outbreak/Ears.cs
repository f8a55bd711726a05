using MathNet.Numerics.Distributions;

namespace Vigil.Alerting.Outbreak;

/// <summary>
/// EARS C1, C2 and C3 on a count series, computed as R surveillance::earsC (version 1.20) does, so results agree with it
/// to rounding: bound = mean + z(1-α)·sd of the baseline for C1 and C2, and for C3 the count at which the sum of the
/// current C2 statistic and the previous two excesses max(0, C2 - 1) would reach z(1-α).
/// </summary>
public static class Ears
{
    /// <summary>First 0-based index with a full baseline.</summary>
    public static int FirstIndex(EarsMethod method, int baseline) => method switch
    {
        EarsMethod.C1 => baseline,
        EarsMethod.C2 => baseline + 2,
        _ => baseline + 4,
    };

    public static List<OutbreakPoint> Detect(ReadOnlySpan<double> observed, EarsMethod method, EarsOptions? options = null)
    {
        options ??= new EarsOptions();
        if (options.Baseline < 3)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "The EARS baseline must be at least 3 periods.");
        }

        if (options.MinSigma < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MinSigma cannot be negative.");
        }

        var baseline = options.Baseline;
        var z = Normal.InvCDF(0, 1, 1 - options.AlphaFor(method));
        var results = new List<OutbreakPoint>(Math.Max(0, observed.Length - FirstIndex(method, baseline)));
        for (var t = FirstIndex(method, baseline); t < observed.Length; t++)
        {
            double upper;
            double expected;
            if (method == EarsMethod.C1)
            {
                var (mean, sd) = MeanSd(observed.Slice(t - baseline, baseline));
                upper = mean + (z * Math.Max(sd, options.MinSigma));
                expected = mean;
            }
            else if (method == EarsMethod.C2)
            {
                var (mean, sd) = MeanSd(observed.Slice(t - baseline - 2, baseline));
                upper = mean + (z * Math.Max(sd, options.MinSigma));
                expected = mean;
            }
            else
            {
                var lag2 = Math.Max(0, C2(observed, t - 2, baseline, options.MinSigma) - 1);
                var lag1 = Math.Max(0, C2(observed, t - 1, baseline, options.MinSigma) - 1);
                var (mean, sd) = MeanSd(observed.Slice(t - baseline - 2, baseline));
                expected = mean;

                // NaN propagates as in R's pmax when a baseline is flat and MinSigma is 0.
                upper = observed[t] + (Math.Max(sd, options.MinSigma) * (z - (lag2 + lag1)));
                upper = double.IsNaN(upper) ? double.NaN : Math.Max(0, upper);
            }

            results.Add(new OutbreakPoint(t, observed[t], upper, observed[t] > upper, expected));
        }

        return results;
    }

    private static double C2(ReadOnlySpan<double> observed, int t, int baseline, double minSigma)
    {
        var (mean, sd) = MeanSd(observed.Slice(t - baseline - 2, baseline));
        return (observed[t] - mean) / Math.Max(sd, minSigma);
    }

    // Two-pass mean and sample standard deviation, as R's mean() and sd().
    internal static (double Mean, double Sd) MeanSd(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }

        var mean = sum / values.Length;
        var correction = 0.0;
        foreach (var v in values)
        {
            correction += v - mean;
        }

        mean += correction / values.Length;
        var ss = 0.0;
        foreach (var v in values)
        {
            var d = v - mean;
            ss += d * d;
        }

        return (mean, Math.Sqrt(ss / (values.Length - 1)));
    }
}
