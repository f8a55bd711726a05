using System.Threading.Channels;
using Vigil.Detection.Rules;
using Vigil.Platform.Diagnostics;
using Vigil.Platform.Ingest;
using Vigil.Platform.Ports;

namespace Vigil.Platform.Pipeline;

/// <summary>
/// Runs the rules for the devices of one partition. It alone owns their rule state, so the hot path takes no locks
/// and allocates nothing unless a rule fires.
/// </summary>
internal sealed class PartitionWorker(
    int index,
    int partitionCount,
    ChannelReader<PartitionItem> reader,
    RuleBook rules,
    DeviceRegistry devices,
    IAlarmSignalSink desk,
    VigilMetrics metrics)
{
    private readonly Dictionary<int, (DeviceEntry Entry, DeviceRuleState State)> _states = [];
    private readonly List<RuleSignal> _signals = [];

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
                        Evaluate(batch);
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
                else if (item.Query is { } query)
                {
                    Answer(query);
                }
                else
                {
                    await CheckSilenceAsync(item.TickMs, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private void Evaluate(IngestBatch batch)
    {
        _signals.Clear();
        var state = StateFor(batch.Device, batch.Rows.Length > 0 ? batch.Rows[0].TimestampMs : 0);
        foreach (ref readonly var row in batch.Rows)
        {
            rules.Observe(state, row.QuantityIndex, row.TimestampMs, row.Value, _signals);
        }
    }

    private void Answer(BandQuery query)
    {
        // Only state bound to this very registration counts: a re-registered device starts learning afresh.
        if (_states.TryGetValue(query.Device.Ordinal, out var known) && ReferenceEquals(known.Entry, query.Device)
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

        var state = rules.Bind(entry.Ordinal, entry.Device.Kind, entry.Device.Quantities, startMs);
        _states[entry.Ordinal] = (entry, state);
        return state;
    }

    private async Task CheckSilenceAsync(long nowMs, CancellationToken cancellationToken)
    {
        // Devices that never reported are watched too: their silence starts at the first check that sees them.
        foreach (var entry in devices.All)
        {
            if (entry.Ordinal % partitionCount == index && !_states.ContainsKey(entry.Ordinal))
            {
                StateFor(entry, nowMs);
            }
        }

        List<int>? gone = null;
        foreach (var (ordinal, (entry, state)) in _states)
        {
            var current = devices.Find(ordinal);
            if (current is null)
            {
                (gone ??= []).Add(ordinal);
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
                _states.Remove(ordinal);
            }
        }
    }
}
