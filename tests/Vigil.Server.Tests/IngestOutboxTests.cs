using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Domain.Accounts;
using Vigil.Domain.Devices;
using Vigil.Platform.Ports;
using Vigil.Server.Tests.Infrastructure;

namespace Vigil.Server.Tests;

/// <summary>
/// A batch stored whose publish to the bus failed is not lost to the rules: the sender's resend is published and
/// acknowledged (not taken for a duplicate), and a batch never resent is published by the outbox sweep.
/// </summary>
public sealed class IngestOutboxTests : IAsyncLifetime
{
    private readonly OutboxServer _server = new();

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task Resend_of_a_batch_whose_publish_failed_is_published_and_acknowledged_and_raises_its_alarm()
    {
        var device = await _server.RegisterDeviceAsync(DeviceKind.Acoustic, ["impulse_db"]);
        var batchId = FailingPublishBus.Prefix + "resend";
        var now = DateTimeOffset.UtcNow;
        (string, DateTimeOffset, double)[] gunshot = [("impulse_db", now.AddSeconds(-2), 60.0), ("impulse_db", now.AddSeconds(-1), 141.5)];

        using (var failed = await device.PostAsync(batchId, gunshot))
        {
            await Expect.ProblemAsync(failed, HttpStatusCode.InternalServerError);
        }

        Assert.Equal(1, _server.Bus.Failures);
        using (var resent = await device.PostAsync(batchId, gunshot))
        {
            await Expect.StatusAsync(resent, HttpStatusCode.Accepted);
            Assert.False((await resent.Content.ReadFromJsonAsync<JsonObject>())!["duplicate"]!.GetValue<bool>());
        }

        await WaitForAlarmAsync(device.Id);

        // Once marked published, a further resend is the duplicate it is; the observations are stored once.
        await Expect.EventuallyAsync(
            async () =>
            {
                using var again = await device.PostAsync(batchId, gunshot);
                await Expect.StatusAsync(again, HttpStatusCode.Accepted);
                return (await again.Content.ReadFromJsonAsync<JsonObject>())!["duplicate"]!.GetValue<bool>() ? "duplicate" : null;
            },
            "a resend answered as a duplicate",
            TimeSpan.FromSeconds(10));
        var viewer = await _server.AsAsync(Role.Operator);
        Assert.Equal(2, (await TestDevice.StoredAsync(viewer, device.Id)).Count);
    }

    [Fact]
    public async Task Batch_whose_publish_failed_and_that_is_never_resent_is_published_by_the_outbox()
    {
        var device = await _server.RegisterDeviceAsync(DeviceKind.Acoustic, ["impulse_db"]);
        var now = DateTimeOffset.UtcNow;
        using (var failed = await device.PostAsync(FailingPublishBus.Prefix + "stranded", ("impulse_db", now.AddSeconds(-1), 141.5)))
        {
            await Expect.ProblemAsync(failed, HttpStatusCode.InternalServerError);
        }

        // The sweep runs every RepublishAfter (1 s here) and takes batches at least that old.
        await WaitForAlarmAsync(device.Id);
        var store = _server.App.Services.GetRequiredService<IObservationStore>();
        await Expect.EventuallyAsync(
            async () => (await store.ReadUnpublishedAsync(DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds(), 100, default)).Count == 0 ? "none" : null,
            "no batch left unpublished",
            TimeSpan.FromSeconds(10));
    }

    private async Task WaitForAlarmAsync(string deviceId)
    {
        var viewer = await _server.AsAsync(Role.Operator);
        await Expect.EventuallyAsync(
            async () => (await viewer.GetFromJsonAsync<JsonArray>($"/api/v1/alarms?device={deviceId}"))!.Count > 0 ? "raised" : null,
            $"an alarm for {deviceId}",
            TimeSpan.FromSeconds(30));
    }

    /// <summary>The embedded server with <see cref="FailingPublishBus"/> as its observation bus and a 1-second sweep.</summary>
    private sealed class OutboxServer() : VigilServer(
        new Dictionary<string, string?> { ["Vigil:Ingest:RepublishAfter"] = "00:00:01" },
        services => services.AddSingleton<IObservationBus>(sp => sp.GetRequiredService<FailingPublishBus>()).AddSingleton<FailingPublishBus>())
    {
        public FailingPublishBus Bus => App.Services.GetRequiredService<FailingPublishBus>();
    }
}
