using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Vigil.Server.Tests.Infrastructure;

/// <summary>
/// A real HTTP receiver on a free loopback port that records every POST and answers with the status that
/// <see cref="Respond"/> chooses for the path and the number of requests to it so far (1-based).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _counts = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    public Func<string, int, int> Respond { get; set; } = (_, _) => StatusCodes.Status200OK;

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/{**path}", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var path = context.Request.Path.Value ?? "/";
            var n = receiver._counts.AddOrUpdate(path, 1, (_, c) => c + 1);
            var status = receiver.Respond(path, n);
            receiver.Received.Enqueue(new ReceivedWebhook(
                path,
                body.ToArray(),
                context.Request.ContentType,
                context.Request.Headers["Vigil-Signature"].ToString(),
                context.Request.Headers["Idempotency-Key"].ToString(),
                context.Request.Headers["Vigil-Delivery-Attempt"].ToString(),
                status));
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        receiver.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        return receiver;
    }

    public IReadOnlyList<ReceivedWebhook> At(string path) => Received.Where(r => r.Path == path).ToList();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record ReceivedWebhook(string Path, byte[] Body, string? ContentType, string Signature, string IdempotencyKey, string Attempt, int AnsweredWith);
