using Microsoft.Extensions.Logging;

namespace Vigil.Messaging.RabbitMq;

/// <summary>Every log message of the RabbitMQ adapter (event ids 7000-7099).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Connected to RabbitMQ as node {NodeId} ({Partitions} partitions)")]
    public static partial void Connected(ILogger logger, string nodeId, int partitions);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Bus members now {Count}; this node is number {Rank}; handing over partitions not its own")]
    public static partial void MembersChanged(ILogger logger, int count, int rank);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "This node now holds the operations desk")]
    public static partial void DeskAcquired(ILogger logger);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning, Message = "This node lost the operations desk")]
    public static partial void DeskLost(ILogger logger);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Warning, Message = "Batch for unknown device ordinal {Ordinal} dropped from the bus (the device was removed)")]
    public static partial void UnknownDevice(ILogger logger, int ordinal);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Warning, Message = "Desk lease loop failed; retrying")]
    public static partial void DeskLeaseFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7007, Level = LogLevel.Warning, Message = "Bus background work failed: {Work}")]
    public static partial void BackgroundFailed(ILogger logger, Exception exception, string work);

    [LoggerMessage(EventId = 7008, Level = LogLevel.Information, Message = "Device registry reloaded from storage after a change on node {NodeId}")]
    public static partial void DevicesReloaded(ILogger logger, string nodeId);

    [LoggerMessage(EventId = 7009, Level = LogLevel.Warning, Message = "MQTT batch from {Source} dropped: {Reason}")]
    public static partial void MqttRejected(ILogger logger, string source, string reason);

    [LoggerMessage(EventId = 7010, Level = LogLevel.Warning, Message = "Reply to forwarded desk command {CommandId} could not be sent")]
    public static partial void DeskReplyFailed(ILogger logger, Exception exception, string commandId);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Warning, Message = "Desk command without a reply address or command id dropped")]
    public static partial void DeskCommandUnaddressed(ILogger logger);

    [LoggerMessage(EventId = 7012, Level = LogLevel.Information, Message = "Gave up partition {Partition}; detector state of {Devices} devices saved for its next owner")]
    public static partial void PartitionGivenUp(ILogger logger, int partition, int devices);
}
