namespace Vigil.Storage.Postgres;

/// <summary>Where the PostgreSQL database is, and how far ahead observation partitions are made.</summary>
public sealed class PostgresOptions
{
    /// <summary>An Npgsql connection string or a <c>postgres://user:password@host:port/database</c> URL.</summary>
    public required string ConnectionString { get; init; }

    /// <summary>
    /// The schema holding Vigil's tables, created when missing; null uses the connection's search path (normally
    /// <c>public</c>). PostGIS must be installed in the database, in a schema on the search path.
    /// </summary>
    public string? Schema { get; init; }

    /// <summary>Daily observation partitions are made this many days past today, so ingest at midnight never waits on DDL.</summary>
    public int PartitionDaysAhead { get; init; } = 2;
}
