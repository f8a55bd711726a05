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
        var storage = CliDatabase.StorageOption();
        var bus = new Option<string?>("--bus")
        {
            Description = "Share work with other nodes over RabbitMQ: amqp://user:password@host:port/vhost (comma-separated for a cluster); omitted for the in-process bus. Needs --storage postgres://…",
        };
        var command = new Command("serve", "Run the Vigil server (API, live feed, detection pipeline)") { dataDir, urls, config, rules, storage, bus };
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

            if (parse.GetValue(storage) is { Length: > 0 } store)
            {
                if (CliDatabase.ParseStorage(store, out var error) is not { } connectionString)
                {
                    return Output.Fail(error!);
                }

                settings[VigilApp.PostgresStorageKey] = connectionString;
            }

            if (parse.GetValue(bus) is { Length: > 0 } amqp)
            {
                if (!settings.ContainsKey(VigilApp.PostgresStorageKey))
                {
                    return Output.Fail("--bus: several nodes must share one database; add --storage postgres://…");
                }

                foreach (var uri in amqp.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || (parsed.Scheme != "amqp" && parsed.Scheme != "amqps"))
                    {
                        return Output.Fail($"--bus: not an amqp:// URI: {uri}");
                    }
                }

                settings[VigilApp.RabbitMqBusKey] = amqp;
            }

            await using var app = VigilApp.Build([], settings, configFile);
            await app.RunAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
