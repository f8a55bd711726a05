namespace Vigil.Platform.Ports;

public enum AppendOutcome
{
    /// <summary>The batch is durably stored.</summary>
    Stored = 1,

    /// <summary>A batch with this id was stored and published before; nothing was written again.</summary>
    Duplicate = 2,

    /// <summary>
    /// A batch with this id was stored before but its publish to the bus was never confirmed; nothing was written
    /// again, and the caller publishes the batch it holds (the sender's resend) now.
    /// </summary>
    Unpublished = 3,
}
