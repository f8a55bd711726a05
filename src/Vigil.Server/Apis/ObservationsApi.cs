using System.Buffers;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Vigil.Platform.Configuration;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ingest;
using Vigil.Platform.Ports;
using Vigil.Server.Security;

namespace Vigil.Server.Apis;

/// <summary>Devices post observations; people query them.</summary>
public static class ObservationsApi
{
    public static RouteGroupBuilder MapObservationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/observations").WithTags("Observations");
        group.MapPost("/", IngestAsync)
            .RequireAuthorization(Policies.Device)
            .WithSummary("Post a batch of observations (device key in X-Api-Key)")
            .WithDescription("Up to 10,000 observations or 4 MiB. Answers 202 only once the batch is durably stored; " +
                             "a batch id seen before answers 202 with duplicate=true and stores nothing. Any bad field rejects the whole batch.")
            // The body is documented by a transformer rather than .Accepts(): Accepts also makes routing refuse other
            // content types before authentication runs, and the deny-by-default fallback policy then turns that 415
            // into a misleading 401 for a device with a valid key. The handler answers 415 itself, after the key check.
            .AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
            {
                var schema = await context.GetOrCreateSchemaAsync(typeof(IngestRequestDoc), null, cancellationToken).ConfigureAwait(false);
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
                };
            })
            .Produces<IngestResponse>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/", QueryAsync)
            .RequireAuthorization(Policies.ViewOperations)
            .WithSummary("Observations of one device in a time range, raw or downsampled into buckets");
        return group;
    }

    private static async Task<IResult> IngestAsync(
        HttpContext context,
        DeviceRegistry devices,
        ObservationBatchParser parser,
        IngestService ingest,
        IOptions<IngestOptions> options,
        CancellationToken cancellationToken)
    {
        var received = Stopwatch.GetTimestamp();
        var deviceId = context.User.FindFirst(AuthSchemes.DeviceClaim)?.Value;
        var device = deviceId is null ? null : devices.Find(deviceId);
        if (device is null)
        {
            return TypedResults.Problem("The device behind this key no longer exists.", statusCode: StatusCodes.Status401Unauthorized);
        }

        if (!IsJson(context.Request.ContentType))
        {
            return TypedResults.Problem("Send the batch as application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");
        }

        var limit = options.Value.MaxBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            return TooLarge(limit);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(limit, (int)(context.Request.ContentLength ?? 64 * 1024)) + 1);
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length > limit)
                    {
                        return TooLarge(limit);
                    }

                    var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limit + 1));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                var read = await context.Request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > limit)
                {
                    return TooLarge(limit);
                }
            }

            var parsed = parser.Parse(buffer.AsSpan(0, length), device, received);
            if (parsed.Batch is not { } batch)
            {
                var errors = new List<KeyValuePair<string, string>>(parsed.Errors.Count);
                foreach (var error in parsed.Errors)
                {
                    errors.Add(new(error.Field, error.Message));
                }

                return Problems.Fields(errors);
            }

            batch.OriginHash = OriginHash.Of(context.Connection.RemoteIpAddress);
            var batchId = batch.BatchId;
            var count = batch.Count;
            var outcome = await ingest.AdmitAsync(batch, cancellationToken).ConfigureAwait(false);
            if (outcome == IngestOutcome.Overloaded)
            {
                context.Response.Headers.RetryAfter = "1";
                return TypedResults.Problem("The pipeline is full; retry the same batch shortly.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Busy");
            }

            return TypedResults.Accepted((string?)null, new IngestResponse(batchId, count, outcome == IngestOutcome.Duplicate));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<IResult> QueryAsync(
        [FromQuery] string? device,
        [FromQuery] string? quantity,
        [FromQuery] DateTimeOffset? from,
        [FromQuery] DateTimeOffset? to,
        [FromQuery] int? bucketSeconds,
        [FromQuery] int? limit,
        DeviceRegistry devices,
        IObservationStore store,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(device))
        {
            return Problems.Field("device", "is required.");
        }

        var entry = devices.Find(device);
        if (entry is null)
        {
            return Problems.NotFound($"No device {device}.");
        }

        int? quantityIndex = null;
        if (!string.IsNullOrEmpty(quantity))
        {
            var index = entry.Device.IndexOfQuantity(quantity);
            if (index < 0)
            {
                return Problems.Field("quantity", $"'{quantity}' is not reported by {device}.");
            }

            quantityIndex = index;
        }

        var until = to ?? time.GetUtcNow();
        var since = from ?? until.AddHours(-24);
        if (since > until)
        {
            return Problems.Field("from", "must not be after 'to'.");
        }

        if (bucketSeconds is <= 0 or > 86_400 * 31)
        {
            return Problems.Field("bucketSeconds", "must be between 1 and 2,678,400.");
        }

        var max = limit ?? 10_000;
        if (max is < 1 or > 100_000)
        {
            return Problems.Field("limit", "must be between 1 and 100,000.");
        }

        var rows = await store.ReadAsync(entry.Ordinal, quantityIndex, since.ToUnixTimeMilliseconds(), until.ToUnixTimeMilliseconds(),
            bucketSeconds is null ? max : 5_000_000, cancellationToken).ConfigureAwait(false);
        if (bucketSeconds is { } seconds)
        {
            return TypedResults.Ok(new DownsampledResponse(device, seconds, Downsampler.Buckets(rows, entry.Device.Quantities, seconds * 1000L, max)));
        }

        var points = new List<ObservationPoint>(rows.Count);
        foreach (var row in rows)
        {
            points.Add(new ObservationPoint(DateTimeOffset.FromUnixTimeMilliseconds(row.TimestampMs), entry.Device.Quantities[row.QuantityIndex].Name, row.Value));
        }

        return TypedResults.Ok(new RawResponse(device, points));
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ||
                                    contentType.Contains("+json", StringComparison.OrdinalIgnoreCase));

    private static ProblemHttpResult TooLarge(int limit) =>
        TypedResults.Problem($"The body exceeds {limit} bytes; split the batch.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Batch too large");

    public sealed record IngestResponse(string BatchId, int Accepted, bool Duplicate);

    public sealed record RawResponse(string Device, IReadOnlyList<ObservationPoint> Observations);

    public sealed record DownsampledResponse(string Device, int BucketSeconds, IReadOnlyList<ObservationBucket> Buckets);

    /// <summary>The request body, for the API document. <c>Location</c> is where a mobile or GPS-equipped device says it is.</summary>
    public sealed record IngestRequestDoc(string BatchId, IReadOnlyList<ObservationDoc> Observations, GeoView? Location = null);

    public sealed record ObservationDoc(string Quantity, DateTimeOffset Time, double Value);
}
