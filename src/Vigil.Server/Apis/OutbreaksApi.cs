using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Vigil.Domain.Alarms;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;
using Vigil.Server.Outbreaks;
using Vigil.Server.Security;

namespace Vigil.Server.Apis;

/// <summary>
/// Outbreak detection: health counts (syndrome × district, per day or week) arrive as JSON or CSV; the signals endpoint
/// runs EARS C1/C2/C3 or the improved Farrington method over every stored series and lists the recent periods whose
/// count exceeds the method's upper bound, with both numbers. Every upload also runs the outbreak watch over the series
/// it touched, and a new excess becomes an alarm for the analysts (see <see cref="OutbreakWatch"/>).
/// </summary>
public static class OutbreaksApi
{
    // A CSV upload of a few years of daily counts for every syndrome and district stays far below this.
    private const long MaxCsvBytes = 16 * 1024 * 1024;

    public static RouteGroupBuilder MapOutbreaksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/outbreaks").WithTags("Outbreak detection");
        group.MapPost("/counts", PostCountsAsync).RequireAuthorization(Policies.ReportHealthCounts)
            .WithSummary("Store health counts (a later count for the same series and period replaces the earlier one)").ProducesValidationProblem();
        group.MapPost("/counts.csv", PostCsvAsync).RequireAuthorization(Policies.ReportHealthCounts)
            .WithSummary("Store health counts from CSV (columns date, syndrome, district, count; ?period=day|week)").ProducesValidationProblem();
        group.MapGet("/signals", SignalsAsync).RequireAuthorization(Policies.ViewOperations)
            .WithSummary("Recent periods whose count exceeds the detection method's upper bound, per series");
        return group;
    }

    public sealed record CountsRequest(IReadOnlyList<CountObservation?>? Counts);

    /// <param name="Alarms">Outbreak alarms this upload raised (periods that had already alarmed are not counted again).</param>
    /// <param name="Alarms">Outbreak alarms this upload raised.</param>
    /// <param name="Cleared">Open outbreak alarms this upload showed to be over (their series back within the bound).</param>
    public sealed record Stored(int Counts, int Alarms, int Cleared);

    private static async Task<IResult> PostCountsAsync(CountsRequest request, HttpContext context, ICountSeriesStore store, OutbreakWatch watch, CancellationToken cancellationToken)
    {
        if (request.Counts is not { Count: > 0 and <= HealthCountsCsv.MaxRows } counts)
        {
            return Problems.Field("counts", $"is required: 1 to {HealthCountsCsv.MaxRows} counts.");
        }

        var errors = new List<KeyValuePair<string, string>>();
        var valid = new List<CountObservation>(counts.Count);
        for (var i = 0; i < counts.Count && errors.Count < 20; i++)
        {
            var c = counts[i];
            var field = $"counts[{i}]";
            if (c is null)
            {
                errors.Add(new(field, "must not be null."));
                continue;
            }

            if (!HealthCounts.ValidName(c.Syndrome))
            {
                errors.Add(new(field + ".syndrome", "is required, at most 100 characters."));
            }

            if (!HealthCounts.ValidName(c.District))
            {
                errors.Add(new(field + ".district", "is required, at most 100 characters."));
            }

            if (c.Count is < 0 or > 1_000_000)
            {
                errors.Add(new(field + ".count", "must be from 0 to 1000000."));
            }

            if (c.Start == default)
            {
                errors.Add(new(field + ".start", "is required: the day, or the first day of the week (yyyy-MM-dd)."));
            }

            valid.Add(c with { Syndrome = c.Syndrome?.Trim() ?? string.Empty, District = c.District?.Trim() ?? string.Empty });
        }

        if (errors.Count > 0)
        {
            return Problems.Fields(errors);
        }

        await store.UpsertAsync(valid, cancellationToken).ConfigureAwait(false);
        return await WatchAsync(valid, context, watch, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IResult> PostCsvAsync(HttpRequest request, [FromQuery] string? period, ICountSeriesStore store, OutbreakWatch watch, CancellationToken cancellationToken)
    {
        // Parsed here rather than bound, so that a wrong value is a problem naming the field, in any letter case.
        if (period is not { Length: > 0 } || !char.IsAsciiLetter(period[0]) || !Enum.TryParse<CountPeriod>(period, ignoreCase: true, out var countPeriod))
        {
            return Problems.Field("period", "is required: day or week.");
        }

        if (request.ContentLength is > MaxCsvBytes)
        {
            return Problems.Field("csv", $"must be at most {MaxCsvBytes / (1024 * 1024)} MB.");
        }

        // Read at most the limit, even from a chunked body that declared no length.
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (buffer.Length > MaxCsvBytes)
        {
            return Problems.Field("csv", $"must be at most {MaxCsvBytes / (1024 * 1024)} MB.");
        }

        buffer.Position = 0;
        using var reader = new StreamReader(buffer);
        var counts = new List<CountObservation>();
        if (!HealthCountsCsv.TryRead(reader, countPeriod, counts, out var error))
        {
            return Problems.Field("csv", error!);
        }

        await store.UpsertAsync(counts, cancellationToken).ConfigureAwait(false);
        return await WatchAsync(counts, request.HttpContext, watch, cancellationToken).ConfigureAwait(false);
    }

    // The counts are stored before the watch runs; if no node's desk answers in time, the 503 says so and a retry of the
    // same upload is harmless (it replaces the counts with themselves and alarms each period at most once).
    private static async Task<IResult> WatchAsync(List<CountObservation> counts, HttpContext context, OutbreakWatch watch, CancellationToken cancellationToken) =>
        Problems.From(await watch.EvaluateAsync(counts, context.User.Actor(), cancellationToken).ConfigureAwait(false),
            reply => TypedResults.Ok(Summarise(counts.Count, reply.Alarms ?? [])));

    private static Stored Summarise(int counts, IReadOnlyList<AlarmView> changed)
    {
        var cleared = 0;
        foreach (var alarm in changed)
        {
            if (alarm.State == AlarmState.Cleared)
            {
                cleared++;
            }
        }

        return new Stored(counts, changed.Count - cleared, cleared);
    }

    private static async Task<IResult> SignalsAsync([FromQuery] string? method, [FromQuery] int? recent, ICountSeriesStore store, CancellationToken cancellationToken)
    {
        if (method is not null && Array.IndexOf(OutbreakScan.Methods, method) < 0)
        {
            return Problems.Field("method", $"must be one of {string.Join(", ", OutbreakScan.Methods)}.");
        }

        if (recent is < 1 or > 366)
        {
            return Problems.Field("recent", "must be between 1 and 366 periods.");
        }

        var signals = new List<OutbreakSignalView>();
        foreach (var series in await store.ListSeriesAsync(cancellationToken).ConfigureAwait(false))
        {
            var chosen = method ?? OutbreakScan.DefaultMethod(series.Period);
            var counts = await store.ReadAsync(series, cancellationToken).ConfigureAwait(false);
            signals.AddRange(OutbreakScan.Run(counts, chosen, recent ?? (series.Period == CountPeriod.Week ? 4 : 14)));
        }

        // Newest first: what the desk must look at now.
        signals.Sort((a, b) => b.Start.CompareTo(a.Start));
        return TypedResults.Ok(signals);
    }
}
