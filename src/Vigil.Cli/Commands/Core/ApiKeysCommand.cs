using System.CommandLine;
using Spectre.Console;
using Vigil.Platform.ApiKeys;
using Vigil.Platform.Contracts;

namespace Vigil.Cli.Commands.Core;

/// <summary>
/// <c>vigil api-keys add|list|revoke</c>: keys for third-party Open311 apps, on the data folder directly. The server
/// checks keys against the database on every request, so a key added or revoked here works (or stops) at once.
/// </summary>
internal static class ApiKeysCommand
{
    public static Command Create()
    {
        var command = new Command("api-keys", "Issue, list and revoke third-party apps' Open311 API keys");
        command.Add(Add());
        command.Add(List());
        command.Add(Revoke());
        return command;
    }

    private static Command Add()
    {
        var dataDir = CommonOptions.DataDir();
        var storage = CliDatabase.StorageOption();
        var name = new Option<string>("--name") { Description = "The app or organisation the key is for", Required = true };
        var command = new Command("add", "Issue a key and print it (shown once)") { dataDir, storage, name };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var given = parse.GetValue(name)!;
            if (string.IsNullOrWhiteSpace(given) || given.Length > ApiKeyDesk.MaxNameLength)
            {
                return Output.Fail($"--name is required, at most {ApiKeyDesk.MaxNameLength} characters");
            }

            await using var database = CliDatabase.Open(parse.GetValue(dataDir)!, parse.GetValue(storage), out var error);
            if (database is null)
            {
                return Output.Fail(error!);
            }

            var desk = new ApiKeyDesk(database.ApiKeys(), TimeProvider.System);
            var (key, secret) = await desk.CreateAsync(given, Environment.UserName, cancellationToken).ConfigureAwait(false);
            Output.Result(parse, new { key.Id, key.Name, apiKey = secret, key.CreatedAt }, $"Issued {key.Id} for {key.Name}. API key (shown once): {secret}");
            return 0;
        });
        return command;
    }

    private static Command List()
    {
        var dataDir = CommonOptions.DataDir();
        var storage = CliDatabase.StorageOption();
        var command = new Command("list", "List keys (never the secrets)") { dataDir, storage };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var database = CliDatabase.Open(parse.GetValue(dataDir)!, parse.GetValue(storage), out var error);
            if (database is null)
            {
                return Output.Fail(error!);
            }

            var keys = await database.ApiKeys().ListAsync(cancellationToken).ConfigureAwait(false);
            if (Output.IsJson(parse))
            {
                Output.WriteJson(keys.Select(ApiKeyView.From).ToList());
                return 0;
            }

            var table = new Table().AddColumns("Id", "Name", "Created", "By", "Revoked");
            foreach (var k in keys)
            {
                table.AddRow(Markup.Escape(k.Id), Markup.Escape(k.Name), k.CreatedAt.ToString("u"), Markup.Escape(k.CreatedBy), k.RevokedAt?.ToString("u") ?? "-");
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    private static Command Revoke()
    {
        var dataDir = CommonOptions.DataDir();
        var storage = CliDatabase.StorageOption();
        var id = new Option<string>("--id") { Description = "The key's id (ak-...)", Required = true };
        var command = new Command("revoke", "Revoke a key; apps using it are refused from then on") { dataDir, storage, id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var database = CliDatabase.Open(parse.GetValue(dataDir)!, parse.GetValue(storage), out var error);
            if (database is null)
            {
                return Output.Fail(error!);
            }

            var desk = new ApiKeyDesk(database.ApiKeys(), TimeProvider.System);
            var keyId = parse.GetValue(id)!;
            if (!await desk.RevokeAsync(keyId, Environment.UserName, cancellationToken).ConfigureAwait(false))
            {
                return Output.Fail($"no active key {keyId}");
            }

            Output.Result(parse, new { id = keyId, revoked = true }, $"Revoked {keyId}.");
            return 0;
        });
        return command;
    }
}
