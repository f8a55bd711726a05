using System.CommandLine;

namespace Vigil.Cli.Commands.Forecasting;

/// <summary><c>vigil forecast</c>: place-based crime forecasting, its evaluation and patrol planning.</summary>
internal static class ForecastCommand
{
    public static Command Create()
    {
        var command = new Command("forecast", "Place-based crime forecasts (places only, never people), their evaluation and patrol plans");
        command.Add(ForecastEvalCommand.Create());
        command.Add(ForecastPlanCommand.Create());
        return command;
    }
}
