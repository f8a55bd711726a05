using System.Globalization;

namespace Vigil.Messaging.RabbitMq;

/// <summary>The names Vigil declares on the broker; see docs/architecture.md for how they fit together.</summary>
internal static class Topology
{
    /// <summary>Consistent-hash exchange: a stored batch goes to one partition queue by its device ordinal.</summary>
    public const string Observations = "vigil.observations";

    /// <summary>Quorum queue read only by the node that holds the operations desk: rule signals from every node.</summary>
    public const string Desk = "vigil.desk";

    /// <summary>
    /// Exclusive queue used as a lock: only one connection can hold it, and the broker deletes it when that connection
    /// dies, so the desk moves to another node as soon as the broker notices.
    /// </summary>
    public const string DeskLease = "vigil.desk.lease";

    /// <summary>Fanout exchange of committed live-feed records, one non-durable queue per node.</summary>
    public const string Feed = "vigil.feed";

    /// <summary>Fanout exchange of node heartbeats and device-registry changes.</summary>
    public const string Control = "vigil.control";

    public static string Partition(int index) => "vigil.observations.p" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>Replicated (Raft) queues, so a message confirmed to the publisher survives the loss of a broker node.</summary>
    public static Dictionary<string, object?> QuorumSingleActive() => new()
    {
        ["x-queue-type"] = "quorum",
        ["x-single-active-consumer"] = true,
    };
}
