using System.CommandLine;

namespace Vigil.Cli.Commands.Alerting;

/// <summary>The public-warning commands: <c>cap</c>, <c>aqi</c> and <c>outbreak</c>.</summary>
internal static class AlertingCommands
{
    public static IEnumerable<Command> Create() => [CapCommand.Create(), AqiCommand.Create(), OutbreakCommand.Create()];
}
