using System.CommandLine;
using Vigil.Server.Hosting;

namespace Vigil.Cli.Commands.Core;

/// <summary><c>vigil serve</c>: run a Vigil node.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var dataDir = CommonOptions.DataDir();
        var urls = CommonOptions.Urls("http://127.0.0.1:8080");
        var config = new Option<string?>("--config") { Description = "A JSON configuration file (sections Vigil:Ingest, Vigil:Pipeline, Vigil:Operations, Vigil:Retention…)" };
        var rules = new Option<string?>("--rules") { Description = "A detection rules JSON file (default: the built-in rules; see `vigil rules show`)" };
        var command = new Command("serve", "Run the Vigil server (API, live feed, detection pipeline)") { dataDir, urls, config, rules };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var configFile = parse.GetValue(config);
            if (configFile is not null && !File.Exists(configFile))
            {
                return Output.Fail($"configuration file not found: {configFile}");
            }

            var rulesFile = parse.GetValue(rules);
            if (rulesFile is not null && !File.Exists(rulesFile))
            {
                return Output.Fail($"rules file not found: {rulesFile}");
            }

            var settings = new Dictionary<string, string?>
            {
                ["Vigil:DataDirectory"] = parse.GetValue(dataDir),
                ["urls"] = parse.GetValue(urls),
            };
            if (rulesFile is not null)
            {
                settings["Vigil:RulesFile"] = rulesFile;
            }

            await using var app = VigilApp.Build([], settings, configFile);
            await app.RunAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
