namespace Vigil.Detection.Rules;

/// <summary>
/// Sensor-health rules that look beyond a single value: how readings arrive (dropouts, late data) and how a reading
/// compares with nearby sensors of the same quantity. All raise device faults, never emergencies.
/// </summary>
public sealed partial class RuleBook
{
    // The consensus test sees at most this many neighbours; more say nothing new about one sensor.
    private const int MaxNeighbourValues = 64;

    private static void ObserveDropout(ref DeviceRuleState.Binding b, int device, long ts, List<RuleSignal> signals)
    {
        var monitor = b.Delivery!;
        var previous = monitor.LastTicks;
        var typical = monitor.TypicalIntervalTicks;
        var ticks = ToTicks(ts);

        // Lateness is the late-data rule's business: judge the cadence by reading time alone.
        var check = monitor.Observe(ticks, ticks);
        if (previous == long.MinValue || ticks <= previous)
        {
            // The first reading, or another quantity of the same reading: nothing to say about the cadence.
            return;
        }

        if (check.IsDropout)
        {
            if (b.Phase != DeviceRuleState.Phase.Raised)
            {
                b.Phase = DeviceRuleState.Phase.Raised;
                var gapSeconds = check.GapTicks / (double)TimeSpan.TicksPerSecond;
                signals.Add(new RuleSignal(RuleSignalKind.Raise, b.RuleIndex, device, -1, ts, gapSeconds, 0, typical / TimeSpan.TicksPerSecond));
            }
        }
        else if (b.Phase == DeviceRuleState.Phase.Raised)
        {
            b.Phase = DeviceRuleState.Phase.Normal;
            signals.Add(new RuleSignal(RuleSignalKind.Clear, b.RuleIndex, device, -1, ts, (ticks - previous) / (double)TimeSpan.TicksPerSecond));
        }
    }

    private static void ObserveLateness(RuleDefinition rule, ref DeviceRuleState.Binding b, int device, long ts, long receivedMs, List<RuleSignal> signals)
    {
        var lateSeconds = (receivedMs - ts) / 1000.0;
        var limitSeconds = rule.MaxLateness.TotalSeconds;
        if (lateSeconds > limitSeconds)
        {
            if (b.Phase != DeviceRuleState.Phase.Raised)
            {
                b.Phase = DeviceRuleState.Phase.Raised;
                signals.Add(new RuleSignal(RuleSignalKind.Raise, b.RuleIndex, device, -1, ts, lateSeconds, 0, limitSeconds));
            }
        }
        else if (b.Phase == DeviceRuleState.Phase.Raised)
        {
            b.Phase = DeviceRuleState.Phase.Normal;
            signals.Add(new RuleSignal(RuleSignalKind.Clear, b.RuleIndex, device, -1, ts, Math.Max(lateSeconds, 0), 0, limitSeconds));
        }
    }

    private static void ObserveNeighbours(RuleDefinition rule, ref DeviceRuleState.Binding b, DeviceRuleState state, long ts, double value, List<RuleSignal> signals)
    {
        var self = state.Sensor!;
        var index = state.Neighbourhood!;
        var version = index.Version;
        if (b.NeighbourVersion != version)
        {
            // Registrations changed since the list was made; they are rare, so the lookup (and its lock) is too.
            b.Neighbours = index.Near(self, rule.Quantity!, rule.RadiusMetres);
            b.NeighbourVersion = version;
        }

        Span<double> values = stackalloc double[MaxNeighbourValues];
        var count = 0;
        var freshness = (long)rule.MaxSilence.TotalMilliseconds;
        foreach (var link in b.Neighbours!)
        {
            var at = Volatile.Read(ref link.Sensor.TimesMs[link.QuantityIndex]);
            if (at != long.MinValue && Math.Abs(at - ts) <= freshness)
            {
                values[count++] = Volatile.Read(ref link.Sensor.Values[link.QuantityIndex]);
                if (count == values.Length)
                {
                    break;
                }
            }
        }

        self.Record(b.QuantityIndex, ts, value);
        var verdict = b.Consensus!.Evaluate(value, values[..count]);
        if (!verdict.HasVerdict)
        {
            // Too few neighbours reporting now: keep whatever was decided last.
            return;
        }

        var low = verdict.ExpectedLow(rule.RaiseAt);
        var high = verdict.ExpectedHigh(rule.RaiseAt);
        // A real event (smoke, a burst main) may reach one sensor minutes before its neighbours; a broken sensor keeps
        // disagreeing, so the disagreement must last MinDuration before it is called a fault.
        switch (b.Phase)
        {
            case DeviceRuleState.Phase.Normal when verdict.Disagrees:
                b.Phase = DeviceRuleState.Phase.Pending;
                b.PendingSinceMs = ts;
                goto case DeviceRuleState.Phase.Pending;
            case DeviceRuleState.Phase.Pending:
                if (!verdict.Disagrees)
                {
                    b.Phase = DeviceRuleState.Phase.Normal;
                }
                else if (ts - b.PendingSinceMs >= (long)rule.MinDuration.TotalMilliseconds)
                {
                    b.Phase = DeviceRuleState.Phase.Raised;
                    signals.Add(new RuleSignal(RuleSignalKind.Raise, b.RuleIndex, state.DeviceOrdinal, b.QuantityIndex, ts, value, low, high));
                }

                break;
            case DeviceRuleState.Phase.Raised when !verdict.Disagrees:
                b.Phase = DeviceRuleState.Phase.Normal;
                signals.Add(new RuleSignal(RuleSignalKind.Clear, b.RuleIndex, state.DeviceOrdinal, b.QuantityIndex, ts, value, low, high));
                break;
        }
    }
}
