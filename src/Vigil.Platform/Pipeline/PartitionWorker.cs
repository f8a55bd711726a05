using System.Buffers;
using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Vigil.Detection.Neighbours;
using Vigil.Detection.Rules;
using Vigil.Platform.Diagnostics;
using Vigil.Platform.Ingest;
using Vigil.Platform.Ports;

namespace Vigil.Platform.Pipeline;

/// <summary>
/// Runs the rules for the devices of one partition. It alone owns their rule state, so the hot path takes no locks
/// and allocates nothing unless a rule fires. When bus partitions move between nodes (<see cref="SharedPartitions"/>),
/// each device's state also records the bus partition it is owned through: the first batch through a partition this
/// node did not own the device through loads the device's last snapshot first, and a hand-over saves or forgets the
/// state of one bus partition's devices.
/// </summary>
internal sealed class PartitionWorker(
    int index,
    int partitionCount,
    ChannelReader<PartitionItem> reader,
    RuleBook rules,
    DeviceRegistry devices,
    IAlarmSignalSink desk,
    VigilMetrics metrics,
    TimeProvider time,
    NeighbourIndex? neighbours)
{
    private readonly Dictionary<int, (DeviceEntry Entry, DeviceRuleState State, int Owner)> _states = [];
    private readonly List<RuleSignal> _signals = [];

    /// <summary>Where detector state is saved; null keeps it in memory only.</summary>
    public IDetectorStateStore? StateStore { get; init; }

    /// <summary>Saved state by device id, shared by the partitions and taken by the one that first binds the device.</summary>
    public ConcurrentDictionary<string, byte[]>? Restorable { get; init; }

    public required ILogger Logger { get; init; }

    /// <summary>Devices are owned only through the bus partitions their batches arrive on (several nodes).</summary>
    public bool SharedPartitions { get; init; }

    /// <summary>State bound outside a batch: owned by this node alone, or, when partitions are shared, not owned.</summary>
    private int UnboundOwner => SharedPartitions ? PartitionItem.NotOwned : PartitionItem.Local;

    /// <summary>Writes the state of every device this partition owns to storage; a failure is logged and retried next time.</summary>
    public Task SnapshotAsync(CancellationToken cancellationToken) => SnapshotAsync(null, cancellationToken);

    /// <summary>
    /// Writes the state of the devices this partition owns (all of them, or those owned through one bus partition) to
    /// storage; state it holds without owning it is never written, so that it cannot overwrite the owner's snapshot.
    /// </summary>
    private async Task<int> SnapshotAsync(int? busPartition, CancellationToken cancellationToken)
    {
        if (StateStore is null || _states.Count == 0)
        {
            return 0;
        }

        var at = time.GetUtcNow();
        var snapshots = new List<DetectorSnapshot>();
        var buffer = new ArrayBufferWriter<byte>(4096);
        foreach (var (_, (entry, state, owner)) in _states)
        {
            if (owner == PartitionItem.NotOwned || (busPartition is { } only && owner != only))
            {
                continue;
            }

            buffer.ResetWrittenCount();
            rules.WriteState(state, buffer);
            snapshots.Add(new DetectorSnapshot(entry.Device.Id, at, buffer.WrittenSpan.ToArray()));
        }

        if (snapshots.Count == 0)
        {
            return 0;
        }

        try
        {
            await StateStore.SaveAsync(snapshots, cancellationToken).ConfigureAwait(false);
            return snapshots.Count;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Detection goes on; the state is still in memory and the next snapshot tries again.
            ObservationPipeline.LogSnapshotFailed(Logger, index, ex);
            return 0;
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (reader.TryRead(out var item))
            {
                if (item.Batch is { } batch)
                {
                    try
                    {
                        var startMs = batch.Rows.Length > 0 ? batch.Rows[0].TimestampMs : 0;
                        var state = SharedPartitions && item.Owner >= 0
                            ? await OwnedStateAsync(batch.Device, item.Owner, startMs, cancellationToken).ConfigureAwait(false)
                            : StateFor(batch.Device, startMs);
                        Evaluate(batch, state);
                        if (_signals.Count > 0)
                        {
                            await desk.SubmitSignalsAsync(batch.Device, [.. _signals], batch.ReceivedTimestamp, cancellationToken).ConfigureAwait(false);
                        }
                    }
                    finally
                    {
                        metrics.AddQueueDepth(-batch.Count);
                        batch.Release();
                    }
                }
                else if (item.HandOver is { } handOver)
                {
                    handOver.Complete(await HandOverAsync(handOver, cancellationToken).ConfigureAwait(false));
                }
                else if (item.Query is { } query)
                {
                    Answer(query);
                }
                else if (item.ActiveDevice is { } active)
                {
                    _signals.Clear();
                    rules.ObserveActivity(StateFor(active, item.TickMs), item.TickMs, item.ActivityValue, time.GetUtcNow().ToUnixTimeMilliseconds(), _signals);
                    if (_signals.Count > 0)
                    {
                        await desk.SubmitSignalsAsync(active, [.. _signals], 0, cancellationToken).ConfigureAwait(false);
                    }
                }
                else if (item.FailedDevice is { } failed)
                {
                    _signals.Clear();
                    rules.ObserveAuthFailure(StateFor(failed, item.TickMs), item.TickMs, _signals);
                    if (_signals.Count > 0)
                    {
                        await desk.SubmitSignalsAsync(failed, [.. _signals], 0, cancellationToken).ConfigureAwait(false);
                    }
                }
                else
                {
                    await CheckSilenceAsync(item.TickMs, cancellationToken).ConfigureAwait(false);
                    if (item.Snapshot)
                    {
                        await SnapshotAsync(cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }
    }

    private void Evaluate(IngestBatch batch, DeviceRuleState state)
    {
        _signals.Clear();

        // One clock read per batch: the queueing delay within the pipeline is far below any lateness worth reporting.
        var receivedMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        rules.ObserveRequest(state, receivedMs, batch.OriginHash, batch.ReportedLocation, _signals);
        foreach (ref readonly var row in batch.Rows)
        {
            rules.Observe(state, row.QuantityIndex, row.TimestampMs, row.Value, receivedMs, _signals);
        }
    }

    private void Answer(BandQuery query)
    {
        // Only state bound to this very registration counts: a re-registered device starts learning afresh. A device
        // not seen since start is bound now, so that the band restored from its saved state answers at once. With
        // shared partitions only the owner's state answers; binding here would only hold a fresh state.
        if (!SharedPartitions && !_states.ContainsKey(query.Device.Ordinal) && ReferenceEquals(devices.Find(query.Device.Ordinal), query.Device))
        {
            StateFor(query.Device, time.GetUtcNow().ToUnixTimeMilliseconds());
        }

        if (_states.TryGetValue(query.Device.Ordinal, out var known) && ReferenceEquals(known.Entry, query.Device)
            && known.Owner != PartitionItem.NotOwned
            && rules.TryGetExpectedBand(known.State, query.QuantityIndex, out var band))
        {
            query.Reply(band);
        }
        else
        {
            query.Reply(null);
        }
    }

    private DeviceRuleState StateFor(DeviceEntry entry, long startMs)
    {
        // A device re-registered with other quantities or another kind gets fresh rule state.
        if (_states.TryGetValue(entry.Ordinal, out var known) && ReferenceEquals(known.Entry, entry))
        {
            return known.State;
        }

        var state = rules.Bind(entry.Ordinal, entry.Device.Kind, entry.Device.Quantities, startMs, entry.Device.Location, neighbours);
        if (Restorable is not null && Restorable.TryRemove(entry.Device.Id, out var saved) && !rules.TryReadState(state, saved))
        {
            ObservationPipeline.LogSnapshotRefused(Logger, entry.Device.Id);
        }

        _states[entry.Ordinal] = (entry, state, UnboundOwner);
        return state;
    }

    /// <summary>
    /// The state of a device whose batch arrived through bus partition <paramref name="owner"/>. The first such batch
    /// since this node last owned the device through that partition means the partition moved here (a failover or a
    /// rebalance: the broker gives no other sign of which consumer became active), so the device's last snapshot is
    /// loaded before the batch is evaluated, replacing whatever this node held for it.
    /// </summary>
    private async ValueTask<DeviceRuleState> OwnedStateAsync(DeviceEntry entry, int owner, long startMs, CancellationToken cancellationToken)
    {
        if (_states.TryGetValue(entry.Ordinal, out var known) && ReferenceEquals(known.Entry, entry) && known.Owner == owner)
        {
            return known.State;
        }

        var state = rules.Bind(entry.Ordinal, entry.Device.Kind, entry.Device.Quantities, startMs, entry.Device.Location, neighbours);
        if (StateStore is not null)
        {
            DetectorSnapshot? saved;
            try
            {
                saved = await StateStore.LoadAsync(entry.Device.Id, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Detection must not wait for storage, so this batch meets fresh state; it is held as not owned, so no
                // snapshot of it overwrites the stored one, and the next batch tries the load again.
                ObservationPipeline.LogTakeOverFailed(Logger, entry.Device.Id, ex);
                _states[entry.Ordinal] = (entry, state, PartitionItem.NotOwned);
                return state;
            }

            if (saved is not null && !rules.TryReadState(state, saved.State))
            {
                ObservationPipeline.LogSnapshotRefused(Logger, entry.Device.Id);
            }

            ObservationPipeline.LogTookOver(Logger, entry.Device.Id, owner, saved is not null);
        }

        _states[entry.Ordinal] = (entry, state, owner);
        return state;
    }

    private async Task<int> HandOverAsync(HandOverRequest request, CancellationToken cancellationToken)
    {
        var saved = request.Kind == PartitionHandOver.Drop ? 0 : await SnapshotAsync(request.BusPartition, cancellationToken).ConfigureAwait(false);
        if (request.Kind == PartitionHandOver.Save)
        {
            return saved;
        }

        List<int>? given = null;
        foreach (var (ordinal, (_, _, owner)) in _states)
        {
            if (owner == request.BusPartition)
            {
                (given ??= []).Add(ordinal);
            }
        }

        if (given is null)
        {
            return 0;
        }

        foreach (var ordinal in given)
        {
            _states.Remove(ordinal);
        }

        return request.Kind == PartitionHandOver.Drop ? given.Count : saved;
    }

    private async Task CheckSilenceAsync(long nowMs, CancellationToken cancellationToken)
    {
        // Devices that never reported are watched too: their silence starts at the first check that sees them. With
        // shared partitions a node cannot tell which devices the broker will route to it, so it watches only those it
        // owns; otherwise every node would raise silence for devices that report to another.
        if (!SharedPartitions)
        {
            foreach (var entry in devices.All)
            {
                if (entry.Ordinal % partitionCount == index && !_states.ContainsKey(entry.Ordinal))
                {
                    StateFor(entry, nowMs);
                }
            }
        }

        List<int>? gone = null;
        foreach (var (ordinal, (entry, state, owner)) in _states)
        {
            var current = devices.Find(ordinal);
            if (current is null)
            {
                (gone ??= []).Add(ordinal);
                continue;
            }

            if (owner == PartitionItem.NotOwned)
            {
                continue;
            }

            _signals.Clear();
            rules.CheckSilence(state, nowMs, _signals);
            if (_signals.Count > 0)
            {
                await desk.SubmitSignalsAsync(entry, [.. _signals], 0, cancellationToken).ConfigureAwait(false);
            }
        }

        if (gone is not null)
        {
            foreach (var ordinal in gone)
            {
                _states.Remove(ordinal, out var removed);
                neighbours?.Remove(ordinal);

                // A device registered again under the same id has state of its own, which must stay.
                if (StateStore is not null && devices.Find(removed.Entry.Device.Id) is null)
                {
                    await ForgetAsync(removed.Entry.Device.Id, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private async Task ForgetAsync(string deviceId, CancellationToken cancellationToken)
    {
        try
        {
            await StateStore!.DeleteAsync(deviceId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A leftover snapshot is retried at the next removal check; until then it could only seed a device registered
            // again under this id with the same rules, which would start from the old baseline instead of learning afresh.
            ObservationPipeline.LogSnapshotFailed(Logger, index, ex);
        }
    }
}
