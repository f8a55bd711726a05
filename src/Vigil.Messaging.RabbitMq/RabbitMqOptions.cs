using System.ComponentModel.DataAnnotations;

namespace Vigil.Messaging.RabbitMq;

/// <summary>The RabbitMQ bus (section "Vigil:Bus"); every node of one deployment must use the same values.</summary>
public sealed class RabbitMqOptions
{
    public const string Section = "Vigil:Bus";

    /// <summary>
    /// amqp://user:password@host:port/vhost; several brokers of one cluster as a comma-separated list
    /// (amqp://u:p@h1:5672,amqp://u:p@h2:5672), which the client tries in turn when it connects or recovers.
    /// </summary>
    [Required]
    public string Amqp { get; set; } = string.Empty;

    /// <summary>
    /// Partition queues behind the consistent-hash exchange. Each is owned by one node at a time, so this bounds how
    /// many nodes can share detection; 16 leaves room for growth while keeping a handover cheap.
    /// </summary>
    [Range(1, 1024)]
    public int Partitions { get; set; } = 16;

    /// <summary>Unacknowledged batches a node holds per partition queue; bounds what is redelivered after a crash.</summary>
    [Range(1, 65535)]
    public int Prefetch { get; set; } = 256;

    /// <summary>Channels with publisher confirms that ingest requests share.</summary>
    [Range(1, 64)]
    public int PublisherChannels { get; set; } = 4;

    /// <summary>How often a node announces itself; a node silent for three intervals is presumed gone.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long an operator command forwarded to the node holding the desk may wait for it: long enough to cover a
    /// desk handover (the broker notices a dead holder within its 5 s heartbeat, the next node takes the lease within a
    /// second), short enough that an operator is not left waiting; then the command is dropped unapplied and the caller
    /// gets a 503.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan DeskCommandTimeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>Prefix of every exchange and queue name, so that several deployments can share one broker.</summary>
    [Required]
    [RegularExpression("^[a-z0-9_.-]{1,64}$")]
    public string Prefix { get; set; } = "vigil";

    /// <summary>This node's name on the bus; empty for host name, process id and a random suffix.</summary>
    public string NodeId { get; set; } = string.Empty;
}
