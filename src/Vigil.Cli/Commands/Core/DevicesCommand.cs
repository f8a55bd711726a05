using System.CommandLine;
using Spectre.Console;
using Vigil.Domain.Devices;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ingest;
using Vigil.Server.Apis;

namespace Vigil.Cli.Commands.Core;

/// <summary>
/// <c>vigil devices add|list|rotate-key</c>, working on the data folder directly (a server running on it picks up
/// changes made through the API at once; changes made here, on its next start).
/// </summary>
internal static class DevicesCommand
{
    public static Command Create()
    {
        var command = new Command("devices", "Register and list devices, rotate their keys");
        command.Add(Add());
        command.Add(List());
        command.Add(RotateKey());
        return command;
    }

    private static Command Add()
    {
        var dataDir = CommonOptions.DataDir();
        var storage = CliDatabase.StorageOption();
        var id = new Option<string>("--id") { Description = "Device id (letters, digits, '-', '_', '.')", Required = true };
        var name = new Option<string?>("--name") { Description = "A readable name (default: the id)" };
        var kind = new Option<DeviceKind>("--kind") { Description = "AirQuality, Traffic, Acoustic, Flood, PowerGrid, Water, Camera or PanicButton", Required = true };
        var lat = new Option<double>("--lat") { Description = "Latitude (WGS84)", Required = true };
        var lon = new Option<double>("--lon") { Description = "Longitude (WGS84)", Required = true };
        var agency = new Option<string>("--agency") { Description = "Owning agency id", DefaultValueFactory = _ => "city" };
        var quantities = new Option<string[]>("--quantity") { Description = "name:unit, repeatable (e.g. --quantity pm25:ug/m3)", Required = true, AllowMultipleArgumentsPerToken = false };
        var command = new Command("add", "Register a device and print its API key (shown once)") { dataDir, storage, id, name, kind, lat, lon, agency, quantities };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var specs = new List<QuantitySpec>();
            foreach (var q in parse.GetValue(quantities) ?? [])
            {
                var parts = q.Split(':', 2);
                specs.Add(new QuantitySpec(parts[0], parts.Length > 1 ? parts[1] : string.Empty));
            }

            var request = new DevicesApi.DeviceRequest(parse.GetValue(id), parse.GetValue(name) ?? parse.GetValue(id), parse.GetValue(kind),
                new GeoView(parse.GetValue(lat), parse.GetValue(lon)), parse.GetValue(agency), specs);
            var errors = DevicesApi.Validate(request, creating: true);
            if (errors.Count > 0)
            {
                return Output.Fail(string.Join("; ", errors.ConvertAll(e => $"{e.Key} {e.Value}")));
            }

            await using var database = CliDatabase.Open(parse.GetValue(dataDir)!, parse.GetValue(storage), out var error);
            if (database is null)
            {
                return Output.Fail(error!);
            }

            var store = database.Devices();
            var registry = new DeviceRegistry();
            registry.Load(await store.LoadAllAsync(cancellationToken).ConfigureAwait(false));
            var (entry, key) = await DevicesApi.RegisterAsync(request, Environment.UserName, store, registry, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            if (entry is null)
            {
                return Output.Fail($"a device with id {request.Id} exists");
            }

            Output.Result(parse, new { device = entry.Device.ToView(), apiKey = key }, $"Registered {entry.Device.Id}. API key (shown once): {key}");
            return 0;
        });
        return command;
    }

    private static Command List()
    {
        var dataDir = CommonOptions.DataDir();
        var storage = CliDatabase.StorageOption();
        var command = new Command("list", "List registered devices") { dataDir, storage };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var database = CliDatabase.Open(parse.GetValue(dataDir)!, parse.GetValue(storage), out var error);
            if (database is null)
            {
                return Output.Fail(error!);
            }

            var entries = await database.Devices().LoadAllAsync(cancellationToken).ConfigureAwait(false);
            if (Output.IsJson(parse))
            {
                Output.WriteJson(entries.Select(e => e.Device.ToView()).ToList());
                return 0;
            }

            var table = new Table().AddColumns("Id", "Kind", "Name", "Agency", "Location", "Quantities");
            foreach (var e in entries)
            {
                var d = e.Device;
                table.AddRow(Markup.Escape(d.Id), d.Kind.ToString(), Markup.Escape(d.Name), Markup.Escape(d.AgencyId),
                    $"{d.Location.Lat:0.#####}, {d.Location.Lon:0.#####}", Markup.Escape(string.Join(", ", d.Quantities.Select(q => $"{q.Name} [{q.Unit}]"))));
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"{entries.Count} device(s)");
            return 0;
        });
        return command;
    }

    private static Command RotateKey()
    {
        var dataDir = CommonOptions.DataDir();
        var storage = CliDatabase.StorageOption();
        var id = new Option<string>("--id") { Description = "Device id", Required = true };
        var command = new Command("rotate-key", "Issue a new API key; the old key stops working") { dataDir, storage, id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var database = CliDatabase.Open(parse.GetValue(dataDir)!, parse.GetValue(storage), out var error);
            if (database is null)
            {
                return Output.Fail(error!);
            }

            var store = database.Devices();
            var registry = new DeviceRegistry();
            registry.Load(await store.LoadAllAsync(cancellationToken).ConfigureAwait(false));
            var rotated = await DevicesApi.RotateAsync(parse.GetValue(id)!, Environment.UserName, registry, store, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            if (rotated is not { } r)
            {
                return Output.Fail($"no device {parse.GetValue(id)}");
            }

            Output.Result(parse, new { device = r.Entry.Device.Id, apiKey = r.Key }, $"New API key for {r.Entry.Device.Id} (shown once): {r.Key}");
            return 0;
        });
        return command;
    }
}
