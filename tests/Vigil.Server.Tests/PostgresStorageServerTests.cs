using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Domain.Accounts;
using Vigil.Domain.Devices;
using Vigil.Platform.Ports;
using Vigil.Server.Tests.Infrastructure;
using Vigil.Storage.Postgres;

namespace Vigil.Server.Tests;

/// <summary>The whole server on PostgreSQL storage: ingest to alarm, idempotent resend, audit chain, through the API.</summary>
public sealed class PostgresStorageServerTests(PostgresVigilServer fixture) : IClassFixture<PostgresVigilServer>
{
    [PostgresFact]
    public async Task Server_on_postgres_stores_batches_once_raises_alarms_and_keeps_an_intact_audit_chain()
    {
        var server = fixture.Server;
        Assert.IsType<PostgresObservationStore>(server.App.Services.GetRequiredService<IObservationStore>());
        Assert.IsType<PostgresAuditStore>(server.App.Services.GetRequiredService<IAuditStore>());

        var device = await server.RegisterDeviceAsync(DeviceKind.Acoustic, ["impulse_db"]);
        var now = DateTimeOffset.UtcNow;
        using (var first = await device.PostAsync("b1", ("impulse_db", now.AddSeconds(-2), 60), ("impulse_db", now.AddSeconds(-1), 141.5)))
        {
            await Expect.StatusAsync(first, HttpStatusCode.Accepted);
        }

        using (var again = await device.PostAsync("b1", ("impulse_db", now.AddSeconds(-2), 60), ("impulse_db", now.AddSeconds(-1), 141.5)))
        {
            await Expect.StatusAsync(again, HttpStatusCode.Accepted);
            Assert.True((await again.Content.ReadFromJsonAsync<JsonObject>())!["duplicate"]!.GetValue<bool>());
        }

        var viewer = await server.AsAsync(Role.Operator);
        Assert.Equal(2, (await TestDevice.StoredAsync(viewer, device.Id)).Count);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        JsonArray alarms;
        do
        {
            alarms = (await viewer.GetFromJsonAsync<JsonArray>($"/api/v1/alarms?device={device.Id}"))!;
            if (alarms.Count > 0)
            {
                break;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Equal("gunshot-impulse", Assert.Single(alarms)!["ruleId"]!.GetValue<string>());

        var admin = await server.AdminAsync();
        var verification = (await admin.GetFromJsonAsync<JsonObject>("/api/v1/audit/verify"))!;
        Assert.True(verification["intact"]!.GetValue<bool>());
    }
}
