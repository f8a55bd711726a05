using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using Vigil.Domain.Accounts;
using Vigil.Domain.Devices;
using Vigil.Messaging.RabbitMq;
using Vigil.Platform.Contracts;
using Vigil.Platform.Operations;
using Vigil.Server.Tests.Infrastructure;

namespace Vigil.Server.Tests;

/// <summary>
/// Operator commands given to a node that does not hold the operations desk are forwarded over RabbitMQ to the node
/// that does: the operator gets the desk's own answer (success or the same 4xx), both nodes see the change, and the
/// audit names the operator. A command that comes again after its holder died (redelivered, or its caller's retry) is
/// answered from the desk's record and not applied twice. With no desk to take it (its one retry included), a command
/// is answered 503 with Retry-After and is never applied.
/// </summary>
public sealed class ScaleOutDeskCommandTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [ScaleOutFact]
    public async Task Commands_on_the_node_without_the_desk_get_the_desks_answer_and_are_audited_under_the_operator()
    {
        await using var cluster = await ScaleOutCluster.CreateAsync();

        // A starts first, so it holds the desk; B takes the operator's requests.
        using var nodeA = await cluster.StartProcessAsync("node-a");
        var nodeB = new VigilServer(cluster.NodeSettings("node-b"));
        await nodeB.InitializeAsync();
        try
        {
            var control = nodeB.App.Services.GetRequiredService<RabbitMqControl>();
            await WaitForAsync(() => control.Membership.Count == 2, "B sees both nodes");
            Assert.False(nodeB.App.Services.GetRequiredService<DeskLease>().IsHeld);

            var operatorB = await nodeB.AsAsync(Role.Operator);
            var operatorName = await UserNameAsync(operatorB);
            using var operatorA = SameUserOn(operatorB, nodeA.BaseAddress);
            var device = await nodeB.RegisterDeviceAsync(DeviceKind.Acoustic, ["impulse_db"]);
            await using var stream = await SseReader.OpenAsync(operatorB);
            await PostGunshotAsync(device, nodeB.BaseAddress);
            var raised = (await stream.ReadUntilAsync(e => e.Type == "alarm.raised" && e.Data["alarm"]?["deviceId"]?.GetValue<string>() == device.Id, Wait))[^1];
            var alarmId = raised.Data["alarm"]!["id"]!.GetValue<long>();

            // Acknowledged through B: the answer is the desk's, and both nodes read the change from storage.
            using (var ack = await operatorB.PostAsync($"/api/v1/alarms/{alarmId}/acknowledge", null))
            {
                await Expect.StatusAsync(ack, HttpStatusCode.OK);
                var alarm = (await ack.Content.ReadFromJsonAsync<JsonObject>())!;
                Assert.Equal("Acknowledged", alarm["state"]!.GetValue<string>());
                Assert.Equal(operatorName, alarm["acknowledgedBy"]!.GetValue<string>());
            }

            foreach (var reader in new[] { operatorA, operatorB })
            {
                var stored = (await reader.GetFromJsonAsync<JsonObject>($"/api/v1/alarms/{alarmId}"))!;
                Assert.Equal("Acknowledged", stored["state"]!.GetValue<string>());
            }

            // The same bad command gets the same 409 through B as on A, the desk's own node.
            var againB = await Expect.ProblemAsync(await operatorB.PostAsync($"/api/v1/alarms/{alarmId}/acknowledge", null), HttpStatusCode.Conflict);
            var againA = await Expect.ProblemAsync(await operatorA.PostAsync($"/api/v1/alarms/{alarmId}/acknowledge", null), HttpStatusCode.Conflict);
            Assert.Equal(againA["detail"]!.GetValue<string>(), againB["detail"]!.GetValue<string>());
            var missing = await Expect.ProblemAsync(await operatorB.PostAsync("/api/v1/alarms/987654/acknowledge", null), HttpStatusCode.NotFound);
            Assert.Contains("987654", missing["detail"]!.GetValue<string>(), StringComparison.Ordinal);

            // An incident opened and moved through B.
            long incidentId;
            using (var created = await operatorB.PostAsJsonAsync("/api/v1/incidents", new { type = "fire", priority = 2, location = new { lat = 45.52, lon = -122.68 }, title = "Smoke on 5th" }))
            {
                await Expect.StatusAsync(created, HttpStatusCode.Created);
                incidentId = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>();
                Assert.Equal($"/api/v1/incidents/{incidentId}", created.Headers.Location?.OriginalString);
            }

            using (var moved = await operatorB.PostAsJsonAsync($"/api/v1/incidents/{incidentId}/transition", new { status = "Acknowledged", reason = "on it" }))
            {
                await Expect.StatusAsync(moved, HttpStatusCode.OK);
            }

            var onA = (await operatorA.GetFromJsonAsync<JsonObject>($"/api/v1/incidents/{incidentId}"))!;
            Assert.Equal("Acknowledged", onA["status"]!.GetValue<string>());
            var closeB = await Expect.ProblemAsync(await operatorB.PostAsJsonAsync($"/api/v1/incidents/{incidentId}/transition", new { status = "Closed" }), HttpStatusCode.Conflict);
            var closeA = await Expect.ProblemAsync(await operatorA.PostAsJsonAsync($"/api/v1/incidents/{incidentId}/transition", new { status = "Closed" }), HttpStatusCode.Conflict);
            Assert.Equal(closeA["detail"]!.GetValue<string>(), closeB["detail"]!.GetValue<string>());

            // A unit registered through B joins the fleet that A reads.
            var admin = await nodeB.AdminAsync();
            using (var unit = await admin.PutAsJsonAsync("/api/v1/units/E-9", new { callSign = "Engine 9", agencyId = "fire", kind = "Fire", station = new { lat = 45.51, lon = -122.66 } }))
            {
                await Expect.StatusAsync(unit, HttpStatusCode.OK);
            }

            var unitsOnA = (await operatorA.GetFromJsonAsync<JsonArray>("/api/v1/units"))!;
            Assert.Contains(unitsOnA, u => u!["id"]!.GetValue<string>() == "E-9" && u["callSign"]!.GetValue<string>() == "Engine 9");

            // The audit trail names the operator, not a node or "system".
            var alarmAudit = (await admin.GetFromJsonAsync<JsonArray>($"/api/v1/audit?entityType=alarm&entityId={alarmId}"))!;
            Assert.Contains(alarmAudit, e => e!["record"]!["action"]!.GetValue<string>() == "alarm.acknowledge" && e["record"]!["actor"]!.GetValue<string>() == operatorName);
            var incidentAudit = (await admin.GetFromJsonAsync<JsonArray>($"/api/v1/audit?entityType=incident&entityId={incidentId}"))!;
            Assert.Equal(["incident.create", "incident.transition"], incidentAudit.Select(e => e!["record"]!["action"]!.GetValue<string>()).ToArray());
            Assert.All(incidentAudit, e => Assert.Equal(operatorName, e!["record"]!["actor"]!.GetValue<string>()));
        }
        finally
        {
            await nodeB.DisposeAsync();
        }
    }

    [ScaleOutFact]
    public async Task Command_no_desk_takes_in_time_is_answered_503_with_retry_after_and_never_applied()
    {
        await using var cluster = await ScaleOutCluster.CreateAsync();

        // The test holds the desk lease itself, so no node holds the desk until it lets go.
        var factory = new ConnectionFactory { Uri = new Uri(cluster.Amqp) };
        var squatter = await factory.CreateConnectionAsync();
        var lockChannel = await squatter.CreateChannelAsync();
        await lockChannel.QueueDeclareAsync($"{cluster.Prefix}.desk.lease", durable: false, exclusive: true, autoDelete: true);
        var settings = cluster.NodeSettings("node-b");
        settings["Vigil:Bus:DeskCommandTimeout"] = "00:00:01";
        var node = new VigilServer(settings);
        await node.InitializeAsync();
        try
        {
            var lease = node.App.Services.GetRequiredService<DeskLease>();
            var operatorClient = await node.AsAsync(Role.Operator);
            using (var refused = await operatorClient.PostAsJsonAsync("/api/v1/incidents", new { type = "fire", priority = 2, location = new { lat = 45.52, lon = -122.68 }, title = "too early" }))
            {
                var problem = await Expect.ProblemAsync(refused, HttpStatusCode.ServiceUnavailable);
                Assert.Contains("answered within 1 s, twice", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
                Assert.Equal(TimeSpan.FromSeconds(2), refused.Headers.RetryAfter?.Delta);
            }

            Assert.False(lease.IsHeld);
            await squatter.CloseAsync();
            await WaitForAsync(() => lease.IsHeld, "the node takes the desk once the lease is free");

            // The desk now serves the commands queue in order; the refused command expired there and must not run.
            using (var accepted = await operatorClient.PostAsJsonAsync("/api/v1/incidents", new { type = "fire", priority = 2, location = new { lat = 45.52, lon = -122.68 }, title = "in time" }))
            {
                await Expect.StatusAsync(accepted, HttpStatusCode.Created);
            }

            var incidents = (await operatorClient.GetFromJsonAsync<JsonArray>("/api/v1/incidents"))!;
            Assert.Equal(["in time"], incidents.Select(i => i!["title"]!.GetValue<string>()).ToArray());
        }
        finally
        {
            await node.DisposeAsync();
            await lockChannel.DisposeAsync();
            await squatter.DisposeAsync();
        }
    }

    [ScaleOutFact]
    public async Task Command_that_comes_again_after_its_holder_was_killed_is_answered_from_the_record_and_applied_once()
    {
        await using var cluster = await ScaleOutCluster.CreateAsync();
        using var nodeA = await cluster.StartProcessAsync("node-a");
        var nodeB = new VigilServer(cluster.NodeSettings("node-b"));
        await nodeB.InitializeAsync();
        var factory = new ConnectionFactory { Uri = new Uri(cluster.Amqp) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            var lease = nodeB.App.Services.GetRequiredService<DeskLease>();
            var control = nodeB.App.Services.GetRequiredService<RabbitMqControl>();
            await WaitForAsync(() => control.Membership.Count == 2, "B sees both nodes");
            Assert.False(lease.IsHeld);

            // The test plays the calling node: its own reply queue, and the command as a node forwards it.
            var replies = (await channel.QueueDeclareAsync(string.Empty, durable: false, exclusive: true, autoDelete: true)).QueueName;
            var command = DeskCommand.Create(new NewIncident("fire", 2, new Domain.Geo.GeoPoint(45.52, -122.68), "Smoke on 5th", null), "alice") with { Attempt = 1 };
            var first = await ForwardAsync(channel, cluster.Prefix, replies, command);

            // A applied it and dies; B takes the desk, and the same command (same id) reaches it as the caller's retry.
            nodeA.Kill();
            await WaitForAsync(() => lease.IsHeld, "B holds the desk after A was killed");
            var second = await ForwardAsync(channel, cluster.Prefix, replies, command with { Attempt = 2 });

            var reply = JsonSerializer.Deserialize(first, VigilJson.Default.DeskReply)!;
            Assert.True(reply.Succeeded);
            Assert.Equal(Encoding.UTF8.GetString(first), Encoding.UTF8.GetString(second));
            var operatorB = await nodeB.AsAsync(Role.Operator);
            var incidents = (await operatorB.GetFromJsonAsync<JsonArray>("/api/v1/incidents"))!;
            Assert.Equal([reply.Incident!.Id], incidents.Select(i => i!["id"]!.GetValue<long>()).ToArray());
        }
        finally
        {
            await nodeB.DisposeAsync();
        }
    }

    private static async Task<byte[]> ForwardAsync(IChannel channel, string prefix, string replies, DeskCommand command)
    {
        var properties = new BasicProperties { ReplyTo = replies, CorrelationId = command.Id, ContentType = "application/json", DeliveryMode = DeliveryModes.Persistent };
        await channel.BasicPublishAsync(string.Empty, prefix + ".desk.commands", mandatory: true, properties,
            JsonSerializer.SerializeToUtf8Bytes(command, VigilJson.Default.DeskCommand));
        var deadline = Stopwatch.GetTimestamp() + (long)(Wait.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (await channel.BasicGetAsync(replies, autoAck: true) is { } message)
            {
                Assert.Equal(command.Id, message.BasicProperties.CorrelationId);
                return message.Body.ToArray();
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"no desk answered command {command.Id} within {Wait.TotalSeconds:0} s");
    }

    private static HttpClient SameUserOn(HttpClient signedIn, Uri node)
    {
        // Every node checks tokens with the signing key in the shared data folder, so one sign-in serves both.
        var client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = node, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", signedIn.DefaultRequestHeaders.Authorization!.Parameter);
        return client;
    }

    private static async Task<string> UserNameAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonObject>("/api/v1/auth/me"))!["userName"]!.GetValue<string>();

    private static async Task PostGunshotAsync(TestDevice device, Uri node)
    {
        using var client = new HttpClient { BaseAddress = node, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Api-Key", device.ApiKey);
        var now = DateTimeOffset.UtcNow;
        using var response = await client.PostAsJsonAsync("/api/v1/observations", new
        {
            batchId = $"{device.Id}-shot",
            observations = new[]
            {
                new { quantity = "impulse_db", time = now.AddSeconds(-2), value = 60.0 },
                new { quantity = "impulse_db", time = now.AddSeconds(-1), value = 141.5 },
            },
        });
        await Expect.StatusAsync(response, HttpStatusCode.Accepted);
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(Wait.TotalSeconds * Stopwatch.Frequency);
        while (!condition())
        {
            Assert.True(Stopwatch.GetTimestamp() < deadline, $"not within {Wait.TotalSeconds:0} s: {what}");
            await Task.Delay(100);
        }
    }
}
