using Vigil.Anomaly.Health;

namespace Vigil.Anomaly.Tests;

public sealed class HealthDetectorTests
{
    private static readonly long Minute = TimeSpan.TicksPerMinute;

    [Fact]
    public void Flatline_is_flagged_once_a_value_repeats_for_the_minimum_time()
    {
        var values = SyntheticSeries.Seasonal(days: 2, seed: 3);
        var detector = new FlatlineDetector(new FlatlineOptions { MinDuration = TimeSpan.FromMinutes(30), MinReadings = 5 });
        const int onset = 300;
        var firstStuck = -1;
        for (var i = 0; i < values.Length; i++)
        {
            var value = i >= onset ? values[onset] : values[i];
            if (detector.Observe(SyntheticSeries.TimeOf(i), value) && firstStuck < 0)
            {
                firstStuck = i;
            }
        }

        // 30 minutes of 5-minute readings: stuck from the sixth equal reading on (onset + 6).
        Assert.Equal(onset + 6, firstStuck);
        Assert.Equal(values[onset], detector.StuckValue);
        Assert.Equal(SyntheticSeries.TimeOf(onset), detector.RunStartTicks);
    }

    [Fact]
    public void Flatline_stays_quiet_on_a_noisy_series_and_clears_when_the_value_moves()
    {
        var values = SyntheticSeries.Seasonal(days: 3, seed: 4);
        var detector = new FlatlineDetector(new FlatlineOptions { MinDuration = TimeSpan.FromMinutes(30), MinReadings = 5, Tolerance = 0.01 });
        foreach (var (value, i) in values.Select((v, i) => (v, i)))
        {
            Assert.False(detector.Observe(SyntheticSeries.TimeOf(i), value));
        }

        var t = values.Length;
        for (var i = 0; i < 10; i++)
        {
            detector.Observe(SyntheticSeries.TimeOf(t++), 7.0 + (i % 2 * 0.005));
        }

        Assert.True(detector.IsStuck);
        Assert.False(detector.Observe(SyntheticSeries.TimeOf(t), 7.5));
    }

    [Fact]
    public void Flatline_state_round_trips_mid_run()
    {
        var options = new FlatlineOptions { MinDuration = TimeSpan.FromMinutes(20), MinReadings = 4 };
        var original = new FlatlineDetector(options);
        for (var i = 0; i < 3; i++)
        {
            original.Observe(i * 5 * Minute, 1.0);
        }

        var restored = new FlatlineDetector(options);
        Assert.True(restored.TryReadState(original.SaveState()));
        for (var i = 3; i < 8; i++)
        {
            Assert.Equal(original.Observe(i * 5 * Minute, 1.0), restored.Observe(i * 5 * Minute, 1.0));
        }

        Assert.True(restored.IsStuck);
    }

    [Fact]
    public void Delivery_learns_the_cadence_and_flags_a_dropout_but_not_jitter()
    {
        var monitor = new DeliveryMonitor();
        long t = 0;
        for (var i = 0; i < 20; i++)
        {
            t += (i % 2 == 0 ? 55 : 65) * TimeSpan.TicksPerSecond;
            Assert.False(monitor.Observe(t, t).IsDropout);
        }

        Assert.Equal(60 * TimeSpan.TicksPerSecond, monitor.TypicalIntervalTicks, 1e-6);
        Assert.False(monitor.IsOverdue(t + (150 * TimeSpan.TicksPerSecond)));
        Assert.True(monitor.IsOverdue(t + (200 * TimeSpan.TicksPerSecond)));

        var check = monitor.Observe(t + (10 * Minute), t + (10 * Minute));
        Assert.True(check.IsDropout);
        Assert.Equal(10 * Minute, check.GapTicks);

        // The dropout did not teach the monitor that ten-minute gaps are normal.
        Assert.Equal(60 * TimeSpan.TicksPerSecond, monitor.TypicalIntervalTicks, 1e-6);
    }

    [Fact]
    public void Delivery_flags_late_data()
    {
        var monitor = new DeliveryMonitor(new DeliveryOptions { MaxLateness = TimeSpan.FromMinutes(2) });
        Assert.False(monitor.Observe(0, Minute).IsLate);
        var late = monitor.Observe(Minute, 5 * Minute);
        Assert.True(late.IsLate);
        Assert.Equal(4 * Minute, late.LatenessTicks);
    }

    [Fact]
    public void Delivery_state_round_trips()
    {
        var original = new DeliveryMonitor();
        for (var i = 1; i <= 10; i++)
        {
            original.Observe(i * Minute, i * Minute);
        }

        var restored = new DeliveryMonitor();
        Assert.True(restored.TryReadState(original.SaveState()));
        Assert.Equal(original.TypicalIntervalTicks, restored.TypicalIntervalTicks);
        Assert.Equal(original.Observe(20 * Minute, 20 * Minute), restored.Observe(20 * Minute, 20 * Minute));
        Assert.False(restored.TryReadState(original.SaveState().AsSpan(0, 8)));
    }

    [Theory]
    [InlineData("ug/m3", -1.0, false)]
    [InlineData("ug/m3", 35.0, true)]
    [InlineData("dB", 250.0, false)]
    [InlineData("dB", 120.0, true)]
    [InlineData("km/h", -3.0, false)]
    [InlineData("V", 231.0, true)]
    [InlineData("kPa", -200.0, false)]
    public void Physical_range_rejects_impossible_values(string unit, double value, bool possible)
    {
        Assert.True(PhysicalRange.TryForUnit(unit, out var range));
        Assert.Equal(possible, range.Contains(value));
    }

    [Fact]
    public void Physical_range_is_unknown_for_an_unknown_unit()
    {
        Assert.False(PhysicalRange.TryForUnit("furlong/fortnight", out _));
        Assert.False(PhysicalRange.TryForUnit(null, out _));
    }

    [Fact]
    public void Neighbours_outvote_a_sensor_far_from_their_median()
    {
        var consensus = new NeighbourConsensus(new NeighbourOptions { Threshold = 5, MinSpread = 1 });
        double[] neighbours = [20, 22, 21, 23, 19, 200]; // one broken neighbour does not move the reference
        var verdict = consensus.Evaluate(60, neighbours);
        Assert.True(verdict.HasVerdict);
        Assert.Equal(21.5, verdict.Median);
        Assert.True(verdict.Disagrees);
        Assert.False(consensus.Evaluate(24, neighbours).Disagrees);
    }

    [Fact]
    public void Too_few_neighbours_give_no_verdict()
    {
        var verdict = new NeighbourConsensus().Evaluate(1000, [1.0, 2.0]);
        Assert.False(verdict.HasVerdict);
        Assert.False(verdict.Disagrees);
    }
}
