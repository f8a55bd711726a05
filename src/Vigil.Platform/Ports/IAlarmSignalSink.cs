using Vigil.Detection.Rules;
using Vigil.Platform.Ingest;

namespace Vigil.Platform.Ports;

/// <summary>
/// Where partition workers send the rule signals they raise: the operations desk of this node by default, or a bus
/// queue read by whichever node holds the desk when several nodes run.
/// </summary>
public interface IAlarmSignalSink
{
    /// <param name="receivedTimestamp">Stopwatch timestamp of the observations' arrival, for the latency metric; 0 when unknown.</param>
    ValueTask SubmitSignalsAsync(DeviceEntry device, RuleSignal[] signals, long receivedTimestamp, CancellationToken cancellationToken);
}
