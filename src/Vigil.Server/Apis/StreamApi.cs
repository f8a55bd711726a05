using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Vigil.Platform.Ports;
using Vigil.Server.Security;

namespace Vigil.Server.Apis;

/// <summary>
/// The live feed as Server-Sent Events. A client that reconnects with Last-Event-ID first receives what it missed
/// from storage, then live events, with no gap and no repeat: it subscribes before reading the backlog and skips live
/// records the backlog already covered.
/// </summary>
public static class StreamApi
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static IEndpointConventionBuilder MapStreamApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/stream", StreamAsync)
            .RequireAuthorization(Policies.ViewOperations)
            .WithTags("Live feed")
            .WithSummary("Server-Sent Events: alarm.*, incident.*, unit.updated; resumes from Last-Event-ID (or ?lastEventId=)")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");

    private static async Task StreamAsync(HttpContext context, ILiveFeed feed, IOperationsStore store, CancellationToken cancellationToken)
    {
        var lastId = ParseLastId(context.Request.Headers["Last-Event-ID"].ToString()) ?? ParseLastId(context.Request.Query["lastEventId"].ToString());
        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        using var subscription = feed.Subscribe();
        var body = context.Response.Body;
        await WriteAsync(body, "retry: 3000\n\n", cancellationToken).ConfigureAwait(false);
        var sent = lastId ?? long.MaxValue;
        if (lastId is { } after)
        {
            while (true)
            {
                var backlog = await store.ReadFeedAsync(sent, 1000, cancellationToken).ConfigureAwait(false);
                foreach (var record in backlog)
                {
                    await WriteRecordAsync(body, record, cancellationToken).ConfigureAwait(false);
                    sent = record.Seq;
                }

                if (backlog.Count < 1000)
                {
                    break;
                }
            }
        }

        await body.FlushAsync(cancellationToken).ConfigureAwait(false);
        var reader = subscription.Reader;
        while (!cancellationToken.IsCancellationRequested)
        {
            using var beat = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            beat.CancelAfter(Heartbeat);
            bool more;
            try
            {
                more = await reader.WaitToReadAsync(beat.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                await WriteAsync(body, ": keep-alive\n\n", cancellationToken).ConfigureAwait(false);
                await body.FlushAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (!more)
            {
                // Cut off for falling behind: the client reconnects with its Last-Event-ID and catches up from storage.
                return;
            }

            while (reader.TryRead(out var record))
            {
                if (lastId is not null && record.Seq <= sent)
                {
                    continue;
                }

                await WriteRecordAsync(body, record, cancellationToken).ConfigureAwait(false);
                sent = record.Seq;
                lastId ??= record.Seq;
            }

            await body.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static Task WriteRecordAsync(Stream body, FeedRecord record, CancellationToken cancellationToken) =>
        WriteAsync(body, string.Create(CultureInfo.InvariantCulture, $"id: {record.Seq}\nevent: {record.Type}\ndata: {record.Json}\n\n"), cancellationToken);

    private static async Task WriteAsync(Stream body, string text, CancellationToken cancellationToken) =>
        await body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);

    private static long? ParseLastId(string value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
