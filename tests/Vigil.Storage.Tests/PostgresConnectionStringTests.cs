using Npgsql;
using Vigil.Storage.Postgres;
using Xunit;

namespace Vigil.Storage.Tests;

public sealed class PostgresConnectionStringTests
{
    [Fact]
    public void Postgres_url_becomes_an_npgsql_connection_string()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresConnectionString.Normalize("postgres://vigil:s%40cret@db.example:6543/city"));
        Assert.Equal("db.example", builder.Host);
        Assert.Equal(6543, builder.Port);
        Assert.Equal("vigil", builder.Username);
        Assert.Equal("s@cret", builder.Password);
        Assert.Equal("city", builder.Database);
    }

    [Fact]
    public void Url_without_port_uses_5432_and_npgsql_form_passes_through()
    {
        Assert.Equal(5432, new NpgsqlConnectionStringBuilder(PostgresConnectionString.Normalize("postgresql://u@h/db")).Port);
        Assert.Equal("h2", new NpgsqlConnectionStringBuilder(PostgresConnectionString.Normalize("Host=h2;Database=db;Username=u")).Host);
    }

    [Fact]
    public void Url_without_database_is_refused()
    {
        Assert.Throws<FormatException>(() => PostgresConnectionString.Normalize("postgres://u@h:5432/"));
        Assert.ThrowsAny<ArgumentException>(() => PostgresConnectionString.Normalize("not a connection string"));
    }
}
