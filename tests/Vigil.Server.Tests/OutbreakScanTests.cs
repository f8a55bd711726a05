using Vigil.Platform.Contracts;
using Vigil.Server.Outbreaks;

namespace Vigil.Server.Tests;

/// <summary>When a series' excess is over: its latest periods all reported and all within their method's bound.</summary>
public sealed class OutbreakScanTests
{
    private static readonly DateOnly Start = new(2026, 1, 1);

    [Fact]
    public void Latest_days_all_within_the_bound_give_the_first_of_them()
    {
        var counts = Daily(61, spikeAt: 57);

        Assert.Equal(Start.AddDays(58), OutbreakScan.QuietSince(counts, "ears-c2", 3));
        Assert.Null(OutbreakScan.QuietSince(counts, "ears-c2", 5));
    }

    [Fact]
    public void Latest_day_above_the_bound_is_not_quiet()
    {
        var counts = Daily(61, spikeAt: 60);

        Assert.Null(OutbreakScan.QuietSince(counts, "ears-c2", 1));
        Assert.Single(OutbreakScan.Run(counts, "ears-c2", 1));
    }

    [Fact]
    public void Day_nobody_reported_breaks_the_run()
    {
        var counts = Daily(61, spikeAt: 50);
        counts.RemoveAt(59);

        Assert.Null(OutbreakScan.QuietSince(counts, "ears-c2", 3));
        Assert.Equal(Start.AddDays(60), OutbreakScan.QuietSince(counts, "ears-c2", 1));
    }

    private static List<CountObservation> Daily(int days, int spikeAt)
    {
        var counts = new List<CountObservation>(days);
        for (var i = 0; i < days; i++)
        {
            counts.Add(new CountObservation("ili", "Harbour", CountPeriod.Day, Start.AddDays(i), i == spikeAt ? 45 : 9 + (i % 3)));
        }

        return counts;
    }
}
