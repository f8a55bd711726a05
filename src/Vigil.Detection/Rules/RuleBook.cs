using Vigil.Anomaly.Health;
using Vigil.Detection.Neighbours;
using Vigil.Domain.Devices;
using Vigil.Domain.Geo;

namespace Vigil.Detection.Rules;

/// <summary>
/// The compiled rule set. It binds rules to devices by kind and quantity once, so that evaluating an observation is a
/// few array reads and comparisons with no allocation.
/// </summary>
public sealed partial class RuleBook
{
    private const double MillisecondsPerMinute = 60_000;
    private readonly RuleDefinition[] _rules;

    public RuleBook(IEnumerable<RuleDefinition> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = [.. rules];
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in _rules)
        {
            var problem = rule.Validate();
            if (problem is not null)
            {
                throw new ArgumentException(problem, nameof(rules));
            }

            if (!ids.Add(rule.Id))
            {
                throw new ArgumentException($"rule id '{rule.Id}' is used twice", nameof(rules));
            }
        }
    }

    public IReadOnlyList<RuleDefinition> Rules => _rules;

    public RuleDefinition this[int index] => _rules[index];

    public DeviceRuleState Bind(int deviceOrdinal, DeviceKind kind, IReadOnlyList<QuantitySpec> quantities, long startMs) =>
        Bind(deviceOrdinal, kind, quantities, startMs, null, null);

    /// <summary>
    /// Binds the rules of a device's kind to it. With its registered <paramref name="location"/>, location-drift rules
    /// apply; with a <paramref name="neighbourhood"/>, neighbour-disagreement rules compare it with nearby sensors.
    /// </summary>
    public DeviceRuleState Bind(
        int deviceOrdinal, DeviceKind kind, IReadOnlyList<QuantitySpec> quantities, long startMs, GeoPoint? location, NeighbourIndex? neighbourhood)
    {
        ArgumentNullException.ThrowIfNull(quantities);
        var requests = new List<int>();
        NeighbourSensor? sensor = null;
        if (neighbourhood is not null && location is { } at)
        {
            var names = new string[quantities.Count];
            for (var q = 0; q < names.Length; q++)
            {
                names[q] = quantities[q].Name;
            }

            sensor = neighbourhood.Register(deviceOrdinal, at, names);
        }

        var bindings = new List<DeviceRuleState.Binding>();
        var byQuantity = new List<int>[quantities.Count];
        var silence = new List<int>();
        var messages = new List<int>();
        for (var r = 0; r < _rules.Length; r++)
        {
            var rule = _rules[r];
            if (rule.DeviceKind is { } k && k != kind)
            {
                continue;
            }

            if (rule.Type == RuleType.MissingData)
            {
                silence.Add(bindings.Count);
                bindings.Add(new DeviceRuleState.Binding { RuleIndex = r, QuantityIndex = -1 });
                continue;
            }

            if (rule.Type is RuleType.MessageRate or RuleType.Dropout or RuleType.LateData)
            {
                messages.Add(bindings.Count);
                bindings.Add(new DeviceRuleState.Binding
                {
                    RuleIndex = r,
                    QuantityIndex = -1,
                    MessageRate = rule.Type == RuleType.MessageRate ? CreateMessageRate(rule) : null,
                    Delivery = rule.Type == RuleType.Dropout ? new DeliveryMonitor(new DeliveryOptions { GapFactor = rule.GapFactor }) : null,
                });
                continue;
            }

            if (rule.Type is RuleType.AuthFailureBurst or RuleType.KeySpread or RuleType.LocationDrift)
            {
                if (TryCreateRequestBinding(rule, r, location, out var binding))
                {
                    requests.Add(bindings.Count);
                    bindings.Add(binding);
                }

                continue;
            }

            if (rule.Type == RuleType.NeighbourDisagreement && sensor is null)
            {
                // Without a place and an index there is no one to compare with.
                continue;
            }

            for (var q = 0; q < quantities.Count; q++)
            {
                if (string.Equals(quantities[q].Name, rule.Quantity, StringComparison.Ordinal)
                    && TryCreateBinding(rule, r, q, quantities[q], out var binding))
                {
                    (byQuantity[q] ??= []).Add(bindings.Count);
                    bindings.Add(binding);
                }
            }
        }

        var perQuantity = new int[quantities.Count][];
        for (var q = 0; q < perQuantity.Length; q++)
        {
            perQuantity[q] = byQuantity[q] is { } list ? [.. list] : [];
        }

        return new DeviceRuleState(deviceOrdinal, [.. bindings], perQuantity, [.. silence], [.. messages], [.. requests], startMs)
        {
            Neighbourhood = sensor is null ? null : neighbourhood,
            Sensor = sensor,
        };
    }

    /// <summary>Feeds one observation to the device's rules; raise and clear signals are appended to <paramref name="signals"/>.</summary>
    public void Observe(DeviceRuleState state, int quantityIndex, long timestampMs, double value, List<RuleSignal> signals) =>
        Observe(state, quantityIndex, timestampMs, value, timestampMs, signals);

    /// <summary>
    /// Feeds one observation received at <paramref name="receivedMs"/> (unix ms) to the device's rules, so that
    /// late-data rules can judge its delivery; raise and clear signals are appended to <paramref name="signals"/>.
    /// </summary>
    public void Observe(DeviceRuleState state, int quantityIndex, long timestampMs, double value, long receivedMs, List<RuleSignal> signals)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(signals);
        if (timestampMs > state.LastSeenMs)
        {
            state.LastSeenMs = timestampMs;
        }

        // Data came in, so any missing-data alarm is over.
        foreach (var s in state.SilenceBindings)
        {
            ref var silent = ref state.Bindings[s];
            if (silent.Phase == DeviceRuleState.Phase.Raised)
            {
                silent.Phase = DeviceRuleState.Phase.Normal;
                signals.Add(new RuleSignal(RuleSignalKind.Clear, silent.RuleIndex, state.DeviceOrdinal, -1, timestampMs, value));
            }
        }

        foreach (var m in state.MessageBindings)
        {
            ref var device = ref state.Bindings[m];
            var deviceRule = _rules[device.RuleIndex];
            switch (deviceRule.Type)
            {
                case RuleType.MessageRate:
                    ObserveMessageRate(ref device, state.DeviceOrdinal, timestampMs, signals);
                    break;
                case RuleType.Dropout:
                    ObserveDropout(ref device, state.DeviceOrdinal, timestampMs, signals);
                    break;
                case RuleType.LateData:
                    ObserveLateness(deviceRule, ref device, state.DeviceOrdinal, timestampMs, receivedMs, signals);
                    break;
            }
        }

        if ((uint)quantityIndex >= (uint)state.BindingsByQuantity.Length)
        {
            return;
        }

        foreach (var bindingIndex in state.BindingsByQuantity[quantityIndex])
        {
            ref var binding = ref state.Bindings[bindingIndex];
            var rule = _rules[binding.RuleIndex];
            switch (rule.Type)
            {
                case RuleType.Threshold:
                    ObserveThreshold(rule, ref binding, state.DeviceOrdinal, timestampMs, value, signals);
                    break;
                case RuleType.RateOfChange:
                    ObserveRate(rule, ref binding, state.DeviceOrdinal, timestampMs, value, signals);
                    break;
                case RuleType.Anomaly:
                    ObserveAnomaly(rule, ref binding, state.DeviceOrdinal, timestampMs, value, signals);
                    break;
                case RuleType.Flatline:
                    ObserveFlatline(ref binding, state.DeviceOrdinal, timestampMs, value, signals);
                    break;
                case RuleType.ImpossibleValue:
                    ObserveImpossible(ref binding, state.DeviceOrdinal, timestampMs, value, signals);
                    break;
                case RuleType.NeighbourDisagreement:
                    ObserveNeighbours(rule, ref binding, state, timestampMs, value, signals);
                    break;
            }
        }
    }

    /// <summary>
    /// A message from the device that carries no observation (a camera's detection batch, stamped with its last frame
    /// time) still proves the device is alive: it moves the last-seen time, ends a missing-data alarm and counts for the
    /// message rules (rate, dropout, lateness). <paramref name="value"/> is what a clear signal reports (the camera's
    /// detection count). Quantity rules see nothing.
    /// </summary>
    public void ObserveActivity(DeviceRuleState state, long timestampMs, double value, long receivedMs, List<RuleSignal> signals) =>
        Observe(state, -1, timestampMs, value, receivedMs, signals);

    /// <summary>Raises missing-data alarms for a device that has been silent too long at <paramref name="nowMs"/>.</summary>
    public void CheckSilence(DeviceRuleState state, long nowMs, List<RuleSignal> signals)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(signals);
        foreach (var s in state.SilenceBindings)
        {
            ref var binding = ref state.Bindings[s];
            var rule = _rules[binding.RuleIndex];
            if (binding.Phase != DeviceRuleState.Phase.Raised && nowMs - state.LastSeenMs > (long)rule.MaxSilence.TotalMilliseconds)
            {
                binding.Phase = DeviceRuleState.Phase.Raised;
                signals.Add(new RuleSignal(RuleSignalKind.Raise, binding.RuleIndex, state.DeviceOrdinal, -1, nowMs, (nowMs - state.LastSeenMs) / 1000.0));
            }
        }
    }

    private static void ObserveThreshold(RuleDefinition rule, ref DeviceRuleState.Binding b, int device, long ts, double value, List<RuleSignal> signals)
    {
        var above = rule.Direction == ThresholdDirection.Above;
        var beyondRaise = above ? value >= rule.RaiseAt : value <= rule.RaiseAt;
        switch (b.Phase)
        {
            case DeviceRuleState.Phase.Normal when beyondRaise:
                b.PendingSinceMs = ts;
                b.Phase = DeviceRuleState.Phase.Pending;
                goto case DeviceRuleState.Phase.Pending;
            case DeviceRuleState.Phase.Pending:
                if (!beyondRaise)
                {
                    b.Phase = DeviceRuleState.Phase.Normal;
                }
                else if (ts - b.PendingSinceMs >= (long)rule.MinDuration.TotalMilliseconds)
                {
                    b.Phase = DeviceRuleState.Phase.Raised;
                    signals.Add(new RuleSignal(RuleSignalKind.Raise, b.RuleIndex, device, b.QuantityIndex, ts, value));
                }

                break;
            case DeviceRuleState.Phase.Raised:
                var backToNormal = above ? value <= rule.ClearAt : value >= rule.ClearAt;
                if (backToNormal)
                {
                    b.Phase = DeviceRuleState.Phase.Normal;
                    signals.Add(new RuleSignal(RuleSignalKind.Clear, b.RuleIndex, device, b.QuantityIndex, ts, value));
                }

                break;
        }
    }

    private static void ObserveRate(RuleDefinition rule, ref DeviceRuleState.Binding b, int device, long ts, double value, List<RuleSignal> signals)
    {
        if (!b.HasLast || ts <= b.LastMs)
        {
            // The first point has nothing to compare with; an older point than the last says nothing about the rate now.
            if (!b.HasLast)
            {
                b.HasLast = true;
                b.LastMs = ts;
                b.LastValue = value;
            }

            return;
        }

        var elapsedMs = ts - b.LastMs;
        if (elapsedMs < (long)rule.Window.TotalMilliseconds)
        {
            return;
        }

        var perMinute = Math.Abs(value - b.LastValue) / (elapsedMs / MillisecondsPerMinute);
        b.LastMs = ts;
        b.LastValue = value;
        if (b.Phase != DeviceRuleState.Phase.Raised && perMinute >= rule.RaiseAt)
        {
            b.Phase = DeviceRuleState.Phase.Raised;
            signals.Add(new RuleSignal(RuleSignalKind.Raise, b.RuleIndex, device, b.QuantityIndex, ts, value));
        }
        else if (b.Phase == DeviceRuleState.Phase.Raised && perMinute <= rule.ClearAt)
        {
            b.Phase = DeviceRuleState.Phase.Normal;
            signals.Add(new RuleSignal(RuleSignalKind.Clear, b.RuleIndex, device, b.QuantityIndex, ts, value));
        }
    }
}
