namespace Vigil.Storage.Sqlite;

/// <summary>Where the embedded database lives.</summary>
public sealed class SqliteOptions
{
    public required string DatabasePath { get; init; }

    /// <summary>Raw observations are folded into per-device blocks once this many have accumulated (or on the timer).</summary>
    public int CompactAfterRows { get; init; } = 200_000;

    public TimeSpan CompactInterval { get; init; } = TimeSpan.FromSeconds(2);
}
