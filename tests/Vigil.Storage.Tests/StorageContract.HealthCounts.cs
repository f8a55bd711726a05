using Vigil.Platform.Contracts;
using Xunit;

namespace Vigil.Storage.Tests;

/// <summary>The contract of the health-count series that outbreak detection reads.</summary>
public abstract partial class StorageContract
{
    [ContractFact]
    public async Task Health_counts_read_back_per_series_in_time_order_and_a_later_count_replaces_an_earlier()
    {
        await using var storage = await OpenAsync();
        var day = new DateOnly(2026, 3, 1);
        await storage.HealthCounts.UpsertAsync(
            [
                new CountObservation("ili", "North", CountPeriod.Day, day.AddDays(2), 7),
                new CountObservation("ili", "North", CountPeriod.Day, day, 5),
                new CountObservation("ili", "South", CountPeriod.Day, day, 1),
                new CountObservation("gi", "North", CountPeriod.Week, day, 30),
            ],
            default);
        await storage.HealthCounts.UpsertAsync([new CountObservation("ili", "North", CountPeriod.Day, day, 6)], default);

        Assert.Equal(
            [new("gi", "North", CountPeriod.Week), new("ili", "North", CountPeriod.Day), new("ili", "South", CountPeriod.Day)],
            await storage.HealthCounts.ListSeriesAsync(default));
        var north = await storage.HealthCounts.ReadAsync(new CountSeriesKey("ili", "North", CountPeriod.Day), default);
        Assert.Equal([(day, 6), (day.AddDays(2), 7)], north.Select(c => (c.Start, c.Count)));
        Assert.Empty(await storage.HealthCounts.ReadAsync(new CountSeriesKey("ili", "North", CountPeriod.Week), default));
    }
}
