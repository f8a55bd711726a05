using System.CommandLine;
using Vigil.Cli;
using Vigil.Cli.Commands;

var root = new RootCommand("Vigil: public-safety command and control for smart cities");
root.Add(GlobalOptions.Json);
foreach (var command in CommandCatalog.All())
{
    root.Add(command);
}

return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
