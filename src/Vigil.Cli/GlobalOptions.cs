using System.CommandLine;

namespace Vigil.Cli;

/// <summary>Options every command understands.</summary>
public static class GlobalOptions
{
    /// <summary>Machine-readable output: one JSON document on standard output instead of tables.</summary>
    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Write machine-readable JSON instead of tables",
        Recursive = true,
    };

    /// <summary>Where the shared public data sets live (env VIGIL_DATA, default ../shared/data).</summary>
    public static string DataRoot =>
        Environment.GetEnvironmentVariable("VIGIL_DATA") is { Length: > 0 } fromEnv
            ? Path.GetFullPath(fromEnv)
            : Path.GetFullPath(Path.Combine("..", "shared", "data"));
}
