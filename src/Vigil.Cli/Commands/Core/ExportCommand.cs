using System.CommandLine;
using Vigil.Platform.Ports;
using Vigil.Server.Apis;
using Vigil.Server.Configuration;
using Vigil.Server.OpenData;

namespace Vigil.Cli.Commands.Core;

/// <summary>
/// <c>vigil export reports|incidents</c>: the open-data files the export API serves, written from the data folder
/// directly (for a nightly job that publishes to the city's open-data portal).
/// </summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var command = new Command("export", "Write reports or incidents as open data (GeoJSON or CSV, no personal data)");
        command.Add(Create("reports", "Residents' reports in published categories: no contact details, no text of sensitive categories"));
        command.Add(Create("incidents", "Incidents: type, priority, status, times and place only"));
        return command;
    }

    private static Command Create(string what, string description)
    {
        var dataDir = CommonOptions.DataDir();
        var storage = CliDatabase.StorageOption();
        var format = new Option<string>("--format") { Description = "geojson or csv", DefaultValueFactory = _ => OpenDataExport.GeoJson };
        var output = new Option<string?>("--out") { Description = "File to write (default: standard output)" };
        var from = new Option<DateTimeOffset?>("--from") { Description = "Only those created at or after (ISO 8601)" };
        var to = new Option<DateTimeOffset?>("--to") { Description = "Only those created at or before (ISO 8601)" };
        var command = new Command(what, description) { dataDir, storage, format, output, from, to };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var chosen = parse.GetValue(format)!;
            if (!OpenDataExport.IsFormat(chosen))
            {
                return Output.Fail("--format must be geojson or csv");
            }

            await using var database = CliDatabase.Open(parse.GetValue(dataDir)!, parse.GetValue(storage), out var error);
            if (database is null)
            {
                return Output.Fail(error!);
            }

            var (since, until) = (parse.GetValue(from), parse.GetValue(to));
            byte[] body;
            if (what == "reports")
            {
                var options = new OpenDataOptions();
                var reports = await database.Reports()
                    .QueryAsync(new ReportQuery(null, [.. options.Published], since, until, null, ExportApi.MaxRows), cancellationToken).ConfigureAwait(false);
                body = OpenDataExport.Reports(reports, options, chosen);
            }
            else
            {
                var incidents = await database.Operations()
                    .ListIncidentsAsync(new IncidentQuery(Since: since, Limit: ExportApi.MaxRows), cancellationToken).ConfigureAwait(false);
                body = OpenDataExport.Incidents(until is { } u ? [.. incidents.Where(i => i.CreatedAt <= u)] : incidents, chosen);
            }

            if (parse.GetValue(output) is { Length: > 0 } path)
            {
                await File.WriteAllBytesAsync(path, body, cancellationToken).ConfigureAwait(false);
                Console.Error.WriteLine($"Wrote {body.Length} bytes to {path}.");
            }
            else
            {
                await using var stdout = Console.OpenStandardOutput();
                await stdout.WriteAsync(body, cancellationToken).ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }
}
