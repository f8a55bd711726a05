using Npgsql;
using Vigil.Domain.Incidents;
using Vigil.Platform.Ports;
using Vigil.Storage.Postgres;
using Xunit;

namespace Vigil.Storage.Tests;

/// <summary>What only the PostgreSQL adapter offers: PostGIS queries, daily partitions, shared migrations.</summary>
public sealed partial class PostgresStorageTests
{
    private const long Day = 86_400_000;

    [ContractFact]
    public async Task Devices_are_found_in_a_box_and_within_a_radius_nearest_first()
    {
        await using var storage = Open(out _, out _);
        var centre = await AddDeviceAsync(storage, "centre", 45.52, -122.68);
        var north = await AddDeviceAsync(storage, "north", 45.529, -122.68); // about 1 km north
        await AddDeviceAsync(storage, "far", 45.0, -122.0);
        var devices = (PostgresDeviceStore)storage.Devices;

        Assert.Equal(["centre"], (await devices.InAreaAsync(45.515, -122.685, 45.525, -122.675, default)).Select(d => d.Device.Id));
        Assert.Equal(["centre", "north"], (await devices.InAreaAsync(45.5, -122.7, 45.54, -122.6, default)).Select(d => d.Device.Id));
        Assert.Equal(["north", "centre"], (await devices.WithinAsync(45.53, -122.68, 1500, default)).Select(d => d.Device.Id));
        Assert.Equal([centre.Ordinal], (await devices.WithinAsync(45.52, -122.68, 500, default)).Select(d => d.Ordinal));
        Assert.Equal([north.Ordinal], (await devices.WithinAsync(45.529, -122.68, 500, default)).Select(d => d.Ordinal));
    }

    [ContractFact]
    public async Task Incidents_are_found_near_a_point_open_ones_only_when_asked()
    {
        await using var storage = Open(out _, out _);
        var changes = new ChangeSet();
        changes.Incidents.Add(Samples.Incident(1, IncidentStatus.New, 45.52, -122.68));
        changes.Incidents.Add(Samples.Incident(2, IncidentStatus.Dispatched, 45.538, -122.68)); // about 2 km north
        changes.Incidents.Add(Samples.Incident(3, IncidentStatus.Resolved, 45.5201, -122.68));
        await storage.Operations.CommitAsync(changes, default);
        var operations = (PostgresOperationsStore)storage.Operations;

        Assert.Equal([1L], (await operations.IncidentsNearAsync(45.52, -122.68, 1000, true, 10, default)).Select(i => i.Id));
        Assert.Equal([1L, 3L], (await operations.IncidentsNearAsync(45.52, -122.68, 1000, false, 10, default)).Select(i => i.Id));
        Assert.Equal([1L, 2L], (await operations.IncidentsNearAsync(45.52, -122.68, 3000, true, 10, default)).Select(i => i.Id));
        Assert.Equal([2L], (await operations.IncidentsNearAsync(45.54, -122.68, 3000, true, 1, default)).Select(i => i.Id));
    }

    [ContractFact]
    public async Task Observations_land_in_daily_partitions_that_retention_drops_whole()
    {
        await using var storage = Open(out var database, out _);
        var device = await AddDeviceAsync(storage, "aq-1");
        var t0 = Samples.Now.ToUnixTimeMilliseconds();
        await storage.Observations.AppendAsync(Samples.Batch(device, "b", (t0 - (10 * Day), 0, 1.0), (t0 - (9 * Day), 0, 2.0), (t0, 0, 3.0)), default);
        var oldest = PostgresDatabase.PartitionName(PostgresDatabase.DayOf(t0 - (10 * Day)));
        var older = PostgresDatabase.PartitionName(PostgresDatabase.DayOf(t0 - (9 * Day)));
        Assert.Equal(1L, await CountAsync(database, $"SELECT count(*) FROM {oldest}"));
        Assert.Equal(1L, await CountAsync(database, $"SELECT count(*) FROM {older}"));

        Assert.Equal(2, await storage.Observations.PurgeAsync(t0 - (5 * Day), default));

        Assert.Equal(0L, await CountAsync(database, $"SELECT count(*) FROM pg_class WHERE relname IN ('{oldest}', '{older}') AND relnamespace = current_schema()::regnamespace"));
        Assert.Single(await storage.Observations.ReadAsync(device.Ordinal, null, t0 - (20 * Day), t0 + Day, 10, default));
    }

    [ContractFact]
    public async Task A_second_node_opening_the_same_schema_applies_no_migration()
    {
        await using var storage = Open(out var first, out var schema);
        // A fresh schema applies every migration, numbered 1..n without gaps.
        Assert.True(first.AppliedMigrations > 0);
        Assert.Equal(first.SchemaVersion, first.AppliedMigrations);
        await using var second = new PostgresDatabase(new PostgresOptions { ConnectionString = RequiresPostgresAttribute.ConnectionString!, Schema = schema });
        Assert.Equal(0, second.AppliedMigrations);
        Assert.Equal(first.SchemaVersion, second.SchemaVersion);

        // Both nodes extend one audit chain.
        await storage.Audit.AppendAsync(Samples.Audit("a", "system", "node-1"), default);
        await new PostgresAuditStore(second).AppendAsync(Samples.Audit("b", "system", "node-2"), default);
        await storage.Audit.AppendAsync(Samples.Audit("c", "system", "node-1"), default);
        Assert.Null(await storage.Audit.VerifyChainAsync(default));
        Assert.Equal(3, (await storage.Audit.ListAsync(0, 10, "system", null, default)).Count);
    }

    private static async Task<long> CountAsync(PostgresDatabase database, string sql)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
