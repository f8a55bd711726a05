using System.Globalization;

namespace Vigil.Messaging.RabbitMq;

/// <summary>
/// The names Vigil declares on the broker, all under one prefix so that several deployments (or test runs) can share
/// a broker; see docs/architecture.md for how they fit together.
/// </summary>
public sealed class Topology(string prefix)
{
    /// <summary>Consistent-hash exchange: a stored batch goes to one partition queue by its device ordinal.</summary>
    public string Observations { get; } = prefix + ".observations";

    /// <summary>Quorum queue read only by the node that holds the operations desk: rule signals from every node.</summary>
    public string Desk { get; } = prefix + ".desk";

    /// <summary>
    /// Exclusive queue used as a lock: only one connection can hold it, and the broker deletes it when that connection
    /// dies, so the desk moves to another node as soon as the broker notices.
    /// </summary>
    public string DeskLease { get; } = prefix + ".desk.lease";

    /// <summary>
    /// Quorum queue of operator commands forwarded by nodes that do not hold the desk; only the holder consumes it,
    /// on its lease connection, so that the consumer and the lease end together.
    /// </summary>
    public string DeskCommands { get; } = prefix + ".desk.commands";

    /// <summary>Fanout exchange of committed live-feed records, one non-durable queue per node.</summary>
    public string Feed { get; } = prefix + ".feed";

    /// <summary>Quorum queue bound to amq.topic for device batches published over MQTT; every node consumes it.</summary>
    public string Mqtt { get; } = prefix + ".mqtt";

    /// <summary>Fanout exchange of node heartbeats and device-registry changes.</summary>
    public string Control { get; } = prefix + ".control";

    /// <summary>A node's own queue for the desk holder's replies to the commands it forwarded (exclusive, auto-deleted).</summary>
    public string DeskReplies(string nodeId) => prefix + ".desk.replies." + nodeId;

    public string Partition(int index) => Observations + ".p" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>Replicated (Raft) queues, so a message confirmed to the publisher survives the loss of a broker node.</summary>
    public static Dictionary<string, object?> QuorumSingleActive() => new()
    {
        ["x-queue-type"] = "quorum",
        ["x-single-active-consumer"] = true,
    };
}
