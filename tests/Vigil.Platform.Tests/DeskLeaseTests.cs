using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Vigil.Detection.Rules;
using Vigil.Domain.Geo;
using Vigil.Platform.Configuration;
using Vigil.Platform.Diagnostics;
using Vigil.Platform.Feed;
using Vigil.Platform.Ingest;
using Vigil.Platform.Operations;
using Vigil.Storage.Sqlite;

namespace Vigil.Platform.Tests;

/// <summary>
/// With several nodes, one operations desk at a time holds the lease: the others refuse commands, and a desk granted
/// the lease reloads what the previous holder committed before it hands out ids.
/// </summary>
public sealed class DeskLeaseTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "vigil-lease-" + Guid.NewGuid().ToString("n"));
    private readonly CancellationTokenSource _stop = new();
    private readonly List<OperationsDesk> _desks = [];
    private SqliteDatabase _database = null!;
    private SqliteOperationsStore _store = null!;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _database = new SqliteDatabase(new SqliteOptions { DatabasePath = Path.Combine(_directory, "vigil.db") });
        _store = new SqliteOperationsStore(_database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var desk in _desks)
        {
            await desk.StopAsync(CancellationToken.None);
            desk.Dispose();
        }

        _stop.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Desk_without_the_lease_refuses_commands_as_unavailable()
    {
        var lease = new DeskLease(held: false);
        var desk = await StartDeskAsync(lease);

        var refused = await desk.CreateIncidentAsync(Call("refused"), "op", CancellationToken.None);

        Assert.Equal(DeskFailure.Unavailable, refused.Failure);
        lease.Grant();
        var accepted = await desk.CreateIncidentAsync(Call("accepted"), "op", CancellationToken.None);
        Assert.True(accepted.Succeeded);
    }

    [Fact]
    public async Task Desk_granted_the_lease_continues_from_what_the_previous_holder_committed()
    {
        var leaseA = new DeskLease(held: true);
        var leaseB = new DeskLease(held: false);

        // B loads its working set first, while A still holds the desk and commits after that.
        var deskB = await StartDeskAsync(leaseB);
        var deskA = await StartDeskAsync(leaseA);
        var first = await deskA.CreateIncidentAsync(Call("first"), "op", CancellationToken.None);
        var second = await deskA.CreateIncidentAsync(Call("second"), "op", CancellationToken.None);

        leaseA.Revoke();
        leaseB.Grant();
        var third = await deskB.CreateIncidentAsync(Call("third"), "op", CancellationToken.None);

        Assert.Equal([1L, 2L, 3L], [first.Value!.Id, second.Value!.Id, third.Value!.Id]);
        Assert.Equal(DeskFailure.Unavailable, (await deskA.CreateIncidentAsync(Call("late"), "op", CancellationToken.None)).Failure);
    }

    private static NewIncident Call(string title) => new("fire", 2, new GeoPoint(45.52, -122.68), title, null);

    private async Task<OperationsDesk> StartDeskAsync(DeskLease lease)
    {
        var desk = new OperationsDesk(
            _store,
            new InProcessLiveFeed(),
            new RuleBook([]),
            new DeviceRegistry(),
            Options.Create(new OperationsOptions()),
            TimeProvider.System,
            new VigilMetrics(),
            NullLogger<OperationsDesk>.Instance,
            lease);
        _desks.Add(desk);
        await desk.StartAsync(_stop.Token);
        await desk.Ready.WaitAsync(TimeSpan.FromSeconds(30));
        return desk;
    }
}
