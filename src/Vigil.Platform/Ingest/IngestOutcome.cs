namespace Vigil.Platform.Ingest;

public enum IngestOutcome
{
    Accepted = 1,
    Duplicate = 2,

    /// <summary>Too much is in flight; the sender should retry later.</summary>
    Overloaded = 3,
}
