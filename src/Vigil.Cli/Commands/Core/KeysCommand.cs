using System.CommandLine;
using Vigil.Platform.Configuration;
using Vigil.Platform.Ports;
using Vigil.Platform.Privacy;
using Vigil.Platform.Reports;

namespace Vigil.Cli.Commands.Core;

/// <summary>
/// <c>vigil keys generate|rotate|list|reencrypt</c>: the key file that seals residents' contact details. Keys are
/// never printed; only their ids.
/// </summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var generate = new Command("generate", "Create the contact key file with one new AES-256 key (refuses to overwrite one)");
        var rotate = new Command("rotate", "Add a new key and make it the write key; old keys stay and still decrypt");
        var list = new Command("list", "Key ids in the file and which one writes");
        var reencrypt = new Command("reencrypt", "Reseal every stored contact with the current write key (run after rotate, with the server's data folder)");
        var storage = CliDatabase.StorageOption();
        reencrypt.Options.Add(storage);
        foreach (var command in new[] { generate, rotate, list, reencrypt })
        {
            var dataDir = CommonOptions.DataDir();
            var file = new Option<string?>("--file") { Description = "Key file (default {data-dir}/keys/contact-keys.json)" };
            command.Options.Add(dataDir);
            command.Options.Add(file);
            var name = command.Name;
            command.SetAction(async (parse, cancellationToken) =>
            {
                var folder = parse.GetValue(dataDir)!;
                var path = parse.GetValue(file) ?? ContactKeyFile.DefaultPath(folder);
                try
                {
                    switch (name)
                    {
                        case "generate":
                            Report(parse, path, ContactKeyFile.Generate(path, TimeProvider.System), "Created");
                            return 0;
                        case "rotate":
                            Report(parse, path, ContactKeyFile.Rotate(path, TimeProvider.System), "Rotated");
                            return 0;
                        case "list":
                            Report(parse, path, ContactKeyFile.Read(path), "Keys in");
                            return 0;
                        default:
                            return await ReencryptAsync(parse, folder, path, parse.GetValue(storage), cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
                {
                    return Output.Fail(ex.Message);
                }
            });
        }

        return new Command("keys", "Manage the keys that encrypt residents' contact details") { generate, rotate, list, reencrypt };
    }

    private static async Task<int> ReencryptAsync(ParseResult parse, string folder, string path, string? storage, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return Output.Fail($"{path} does not exist; run vigil keys generate first.");
        }

        var ring = ContactKeyFile.LoadRing(new PrivacyOptions { KeyFile = path }, folder, TimeProvider.System);
        await using var database = CliDatabase.Open(folder, storage, out var error);
        if (database is null)
        {
            return Output.Fail(error!);
        }

        var result = await ResealAsync(database.Reports(), ring, cancellationToken).ConfigureAwait(false);

        Output.Result(parse, result, $"Resealed {result.Resealed} contacts with key {ring.WriteKeyId}; {result.AlreadyCurrent} were current"
            + (result.Unreadable.Count > 0 ? $"; {result.Unreadable.Count} do not open with any key in the file: {string.Join(", ", result.Unreadable)}" : "."));
        return result.Unreadable.Count > 0 ? 1 : 0;
    }

    private static Task<ResealResult> ResealAsync(IReportStore store, ContactKeyRing ring, CancellationToken cancellationToken) =>
        new ContactResealer(store, new ContactCipher(ring), TimeProvider.System).RunAsync("cli:" + Environment.UserName, cancellationToken);

    private static void Report(ParseResult parse, string path, ContactKeyFileDocument doc, string verb) =>
        Output.Result(parse, new { file = path, writeKeyId = doc.WriteKeyId, keyIds = doc.Keys.Keys.Order(StringComparer.Ordinal).ToArray() },
            $"{verb} {path}\n  write key  {doc.WriteKeyId}\n  all keys   {string.Join(", ", doc.Keys.Keys.Order(StringComparer.Ordinal))}");
}
