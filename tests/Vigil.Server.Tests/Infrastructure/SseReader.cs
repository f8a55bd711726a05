using System.Globalization;
using System.Text.Json.Nodes;

namespace Vigil.Server.Tests.Infrastructure;

/// <summary>One Server-Sent Event.</summary>
public sealed record SseEvent(long Id, string Type, JsonObject Data);

/// <summary>Reads <c>GET /api/v1/stream</c> event by event.</summary>
public sealed class SseReader : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseReader(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public static async Task<SseReader> OpenAsync(HttpClient client, long? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/stream");
        if (lastEventId is { } id)
        {
            request.Headers.Add("Last-Event-ID", id.ToString(CultureInfo.InvariantCulture));
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await Expect.StatusAsync(response, System.Net.HttpStatusCode.OK);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new SseReader(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    /// <summary>The next event with an id (comments, keep-alives and the retry hint are skipped).</summary>
    public async Task<SseEvent> NextAsync(CancellationToken cancellationToken)
    {
        long? id = null;
        string? type = null;
        string? data = null;
        while (true)
        {
            var line = await _reader.ReadLineAsync(cancellationToken) ?? throw new EndOfStreamException("The server ended the event stream.");
            if (line.Length == 0)
            {
                if (id is { } seq && type is not null && data is not null)
                {
                    return new SseEvent(seq, type, JsonNode.Parse(data)!.AsObject());
                }

                (id, type, data) = (null, null, null);
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = long.Parse(line.AsSpan(4), CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line[6..];
            }
        }
    }

    /// <summary>Reads until <paramref name="match"/> accepts an event; returns every event read, the match last.</summary>
    public async Task<List<SseEvent>> ReadUntilAsync(Func<SseEvent, bool> match, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var seen = new List<SseEvent>();
        try
        {
            while (true)
            {
                var e = await NextAsync(cts.Token);
                seen.Add(e);
                if (match(e))
                {
                    return seen;
                }
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            Assert.Fail($"no matching event within {timeout}; saw {string.Join(", ", seen.ConvertAll(e => $"{e.Id}:{e.Type}"))}");
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
