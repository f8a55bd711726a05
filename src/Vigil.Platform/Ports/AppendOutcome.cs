namespace Vigil.Platform.Ports;

public enum AppendOutcome
{
    /// <summary>The batch is durably stored.</summary>
    Stored = 1,

    /// <summary>A batch with this id was stored before; nothing was written again.</summary>
    Duplicate = 2,
}
