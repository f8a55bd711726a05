using System.CommandLine;

namespace Vigil.Cli.Commands;

/// <summary>Every top-level command of the <c>vigil</c> CLI, one line each.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return Anomaly.NabCommand.Create();
    }
}
