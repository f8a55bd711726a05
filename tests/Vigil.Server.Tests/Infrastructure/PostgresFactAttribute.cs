namespace Vigil.Server.Tests.Infrastructure;

/// <summary>A fact that needs the PostgreSQL server named by VIGIL_TEST_POSTGRES; skipped, with the reason, without it.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string Variable = "VIGIL_TEST_POSTGRES";

    public PostgresFactAttribute()
    {
        if (ConnectionString is null)
        {
            Skip = SkipReason;
        }
    }

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static string SkipReason =>
        $"{Variable} is not set: start PostgreSQL 15 + PostGIS with .ci/setup.d/postgres.sh (sourced by ./test.sh) to run the server on PostgreSQL.";
}
