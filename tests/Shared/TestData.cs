namespace Vigil.Testing;

/// <summary>
/// Locates the shared public data sets (env <c>VIGIL_DATA</c>, default <c>../shared/data</c> beside the checkout).
/// Tests that need them use <see cref="DataFactAttribute"/> so they are skipped, with the reason, where the folder is absent.
/// </summary>
public static class TestData
{
    public static string Root { get; } = FindRoot();

    public static string PathTo(string relative) => System.IO.Path.Combine(Root, relative);

    public static bool Has(string relative) =>
        File.Exists(PathTo(relative)) || Directory.Exists(PathTo(relative));

    private static string FindRoot()
    {
        var fromEnv = Environment.GetEnvironmentVariable("VIGIL_DATA");
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            return System.IO.Path.GetFullPath(fromEnv);
        }

        // Walk up from the test binary to the repository root (the folder holding Vigil.slnx), then ../shared/data.
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Vigil.slnx")))
        {
            dir = dir.Parent;
        }

        var repo = dir?.FullName ?? Directory.GetCurrentDirectory();
        return System.IO.Path.GetFullPath(System.IO.Path.Combine(repo, "..", "shared", "data"));
    }
}

/// <summary>A fact that runs only when the named data file or folder exists under <see cref="TestData.Root"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DataFactAttribute : FactAttribute
{
    public DataFactAttribute(string relativePath)
    {
        if (!TestData.Has(relativePath))
        {
            Skip = $"Shared data '{relativePath}' not found under {TestData.Root} (set VIGIL_DATA to the data folder).";
        }
    }
}

/// <summary>A theory that runs only when the named data file or folder exists under <see cref="TestData.Root"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DataTheoryAttribute : TheoryAttribute
{
    public DataTheoryAttribute(string relativePath)
    {
        if (!TestData.Has(relativePath))
        {
            Skip = $"Shared data '{relativePath}' not found under {TestData.Root} (set VIGIL_DATA to the data folder).";
        }
    }
}
