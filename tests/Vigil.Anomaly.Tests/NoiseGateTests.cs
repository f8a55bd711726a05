using Vigil.Anomaly.Detectors;

namespace Vigil.Anomaly.Tests;

/// <summary>The combiner's noise gate: a per-series bar that rises with how often the series reaches the alarm level.</summary>
public sealed class NoiseGateTests
{
    // No mask, so every point's output shows the gate alone.
    private static readonly AnomalyCombinerOptions Gated = new() { MaskPoints = 0 };
    private static readonly AnomalyCombinerOptions Ungated = Gated with { NoiseMemory = 0 };

    private static (AnomalyCombiner Combiner, ScriptedDetector Part) Create(AnomalyCombinerOptions options)
    {
        var part = new ScriptedDetector();
        return (new AnomalyCombiner([part], options), part);
    }

    private static double Feed(AnomalyCombiner combiner, ScriptedDetector part, double p, int index)
    {
        part.NextLikelihood = 1.0 - p;
        return combiner.Observe(SyntheticSeries.TimeOf(index), 0).Likelihood;
    }

    /// <summary>Runs a stretch where one point in <paramref name="every"/> reaches p = 0.005 (below the 1.5 % alarm level) and the rest sit at 0.5.</summary>
    private static int Noisy(AnomalyCombiner combiner, ScriptedDetector part, int start, int points, int every)
    {
        for (var i = 0; i < points; i++)
        {
            Feed(combiner, part, i % every == 0 ? 0.005 : 0.5, start + i);
        }

        return start + points;
    }

    [Fact]
    public void Quiet_series_keeps_its_surprise_untouched()
    {
        var (gated, gatedPart) = Create(Gated);
        var (ungated, ungatedPart) = Create(Ungated);
        for (var i = 0; i < 2_000; i++)
        {
            Assert.Equal(Feed(ungated, ungatedPart, 0.5, i), Feed(gated, gatedPart, 0.5, i));
        }

        Assert.Equal(1.0 - 0.001, Feed(gated, gatedPart, 0.001, 2_000), 12);
    }

    [Fact]
    public void Series_that_alarms_often_needs_a_stronger_surprise()
    {
        var (gated, part) = Create(Gated);
        var next = Noisy(gated, part, 0, 3_000, every: 25);

        // One raw alarm in 25 points is a rate of 4 %, twenty times the 0.2 % allowance: p = 0.001 reads as about 0.02,
        // above the 1.5 % alarm level, while a surprise a hundred times stronger still alarms.
        var likelihood = Feed(gated, part, 0.001, next);
        Assert.InRange(1.0 - likelihood, 0.015, 0.03);
        Assert.True(Feed(gated, part, 0.00001, next + 1) > new AnomalyCombinerOptions().AlarmLikelihood);
    }

    [Fact]
    public void Gate_lowers_again_once_the_series_turns_quiet()
    {
        var (gated, part) = Create(Gated);
        var next = Noisy(gated, part, 0, 3_000, every: 25);
        Assert.True(1.0 - Feed(gated, part, 0.001, next++) > 0.015);

        // With a memory of 500 points the rate decays by e every 500 quiet points; 5,000 of them bring it far below the allowance.
        for (var i = 0; i < 5_000; i++)
        {
            Feed(gated, part, 0.5, next++);
        }

        Assert.Equal(1.0 - 0.001, Feed(gated, part, 0.001, next), 12);
    }

    [Fact]
    public void Invalid_gate_settings_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AnomalyCombiner([new ScriptedDetector()], new AnomalyCombinerOptions { NoiseMemory = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AnomalyCombiner([new ScriptedDetector()], new AnomalyCombinerOptions { NoiseAllowance = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AnomalyCombiner([new ScriptedDetector()], new AnomalyCombinerOptions { NoiseAllowance = 1 }));
    }
}
