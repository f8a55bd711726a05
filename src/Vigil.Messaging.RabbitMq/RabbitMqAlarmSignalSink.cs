using Microsoft.Extensions.Logging;
using Vigil.Detection.Rules;
using Vigil.Platform.Ingest;
using Vigil.Platform.Ports;

namespace Vigil.Messaging.RabbitMq;

/// <summary>
/// Rule signals raised by this node's partitions go to the desk queue, whichever node holds the desk; a partition
/// worker moves on only once the broker has confirmed them, so an alarm is not lost when this node dies.
/// </summary>
public sealed class RabbitMqAlarmSignalSink(RabbitMqConnection connection, TimeProvider time, ILogger<RabbitMqAlarmSignalSink> logger) : IAlarmSignalSink
{
    public async ValueTask SubmitSignalsAsync(DeviceEntry device, RuleSignal[] signals, long receivedTimestamp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        var body = WireFormat.WriteSignals(device.Ordinal, WireFormat.ToUnixMs(receivedTimestamp, time), signals);
        while (true)
        {
            try
            {
                await connection.PublishConfirmedAsync(string.Empty, connection.Names.Desk, body, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The broker is failing over; the partition waits rather than dropping an alarm.
                Log.BackgroundFailed(logger, ex, "alarm signal publish");
                await Task.Delay(TimeSpan.FromMilliseconds(250), time, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
