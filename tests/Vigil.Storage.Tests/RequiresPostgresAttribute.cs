namespace Vigil.Storage.Tests;

/// <summary>Marks a fixture class whose tests need the PostgreSQL server named by VIGIL_TEST_POSTGRES.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresPostgresAttribute : Attribute
{
    public const string Variable = "VIGIL_TEST_POSTGRES";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static string SkipReason =>
        $"{Variable} is not set: start PostgreSQL 15 + PostGIS with .ci/setup.d/postgres.sh (sourced by ./test.sh) to run the PostgreSQL fixture.";
}
