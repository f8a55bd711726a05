using System.CommandLine;
using Vigil.Cli.Commands.Core;

namespace Vigil.Cli.Commands;

/// <summary>Every top-level command of the <c>vigil</c> CLI, one line each.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return ServeCommand.Create();
        yield return DemoCommand.Create();
        yield return DevicesCommand.Create();
        yield return UsersCommand.Create();
        yield return ApiKeysCommand.Create();
        yield return ExportCommand.Create();
        yield return DbCommand.Create();
        yield return KeysCommand.Create();
        foreach (var command in Alerting.AlertingCommands.Create()) yield return command;
        yield return CameraAnalytics.TrackingCommand.Create();
        yield return Forecasting.ForecastCommand.Create();
        yield return Routing.CityCommand.Create();
        yield return Routing.RouteCommand.Create();
        yield return Routing.GuardTourCommand.Create();
        yield return Anomaly.NabCommand.Create();
    }
}
