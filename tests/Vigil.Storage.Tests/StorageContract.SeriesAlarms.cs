using Vigil.Domain.Alarms;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;
using Xunit;

namespace Vigil.Storage.Tests;

/// <summary>The contract of alarms that come from a health-count series rather than a device.</summary>
public abstract partial class StorageContract
{
    private static readonly OutbreakEvidence Spike = new("ili", "Harbour", "Day", new DateOnly(2026, 3, 2), "ears-c2", 40, 10.2, 14.6);

    private static AlarmView OutbreakAlarm(long id, AlarmState state, OutbreakEvidence evidence) => new(
        id, "outbreak:" + evidence.Method, null, evidence.Syndrome, AlarmCategory.PublicHealth, Severity.Minor, state, new GeoView(45.5, -122.6),
        new AlarmExplanation("at most 14.6", "40", 40, ExpectedHigh: 14.6), null, null, Samples.Now, null, null, null, 0, null, Outbreak: evidence);

    [ContractFact]
    public async Task Series_alarm_without_a_device_round_trips_and_is_found_by_its_source_key_open_or_cleared()
    {
        await using var storage = await OpenAsync();
        var changes = new ChangeSet();
        changes.Alarms.Add(Samples.Alarm(1, AlarmState.Active));
        changes.Alarms.Add(OutbreakAlarm(2, AlarmState.Active, Spike));
        await storage.Operations.CommitAsync(changes, default);

        var loaded = (await storage.Operations.LoadOpenAsync(default)).OpenAlarms.Single(a => a.Id == 2);
        Assert.Equal(Samples.Json(OutbreakAlarm(2, AlarmState.Active, Spike), VigilJson.Default.AlarmView), Samples.Json(loaded, VigilJson.Default.AlarmView));
        Assert.Null(loaded.DeviceId);
        Assert.Equal([2L], (await storage.Operations.ListAlarmsAsync(new AlarmQuery(Category: AlarmCategory.PublicHealth), default)).Select(a => a.Id));
        Assert.Equal([1L], (await storage.Operations.ListAlarmsAsync(new AlarmQuery(DeviceId: "aq-1"), default)).Select(a => a.Id));

        Assert.True(await storage.Operations.AlarmExistsForSourceAsync(Spike.SourceKey(), default));
        Assert.False(await storage.Operations.AlarmExistsForSourceAsync((Spike with { Start = Spike.Start.AddDays(1) }).SourceKey(), default));

        // Cleared, it still counts: the same series and period must never alarm twice.
        var cleared = new ChangeSet();
        cleared.Alarms.Add(OutbreakAlarm(2, AlarmState.Cleared, Spike));
        await storage.Operations.CommitAsync(cleared, default);
        Assert.True(await storage.Operations.AlarmExistsForSourceAsync(Spike.SourceKey(), default));
    }

    [ContractFact]
    public async Task Second_alarm_for_the_same_series_and_period_is_refused()
    {
        await using var storage = await OpenAsync();
        var first = new ChangeSet();
        first.Alarms.Add(OutbreakAlarm(1, AlarmState.Active, Spike));
        await storage.Operations.CommitAsync(first, default);

        // Another method on the same series and period is the same outbreak, not a second one.
        var again = new ChangeSet();
        again.Alarms.Add(OutbreakAlarm(2, AlarmState.Active, Spike with { Method = "farrington" }));
        await Assert.ThrowsAnyAsync<Exception>(() => storage.Operations.CommitAsync(again, default));
        Assert.Null(await storage.Operations.GetAlarmAsync(2, default));
    }
}
