using System.CommandLine;

namespace Vigil.Cli.Commands.Core;

internal static class CommonOptions
{
    public static Option<string> DataDir(string defaultValue = "vigil-data") => new("--data-dir")
    {
        Description = "Folder holding the database and keys",
        DefaultValueFactory = _ => defaultValue,
    };

    public static Option<string> Urls(string defaultValue) => new("--urls")
    {
        Description = "Addresses to listen on, separated by ';'",
        DefaultValueFactory = _ => defaultValue,
    };
}
