using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Domain.Accounts;
using Vigil.Domain.Devices;
using Vigil.Domain.Units;
using Vigil.Platform.Operations;
using Vigil.Server.Tests.Infrastructure;

namespace Vigil.Server.Tests;

/// <summary>What operators and dispatchers do with alarms, incidents and units, through the API.</summary>
public sealed class OperationsWorkflowTests(VigilServer server) : IClassFixture<VigilServer>
{
    [Fact]
    public async Task Alarm_is_acknowledged_once_and_a_second_acknowledgement_is_refused()
    {
        var device = await server.RegisterDeviceAsync(DeviceKind.PanicButton, ["pressed"]);
        using (var press = await device.PostAsync("p1", ("pressed", DateTimeOffset.UtcNow, 1)))
        {
            await Expect.StatusAsync(press, HttpStatusCode.Accepted);
        }

        var operatorClient = await server.AsAsync(Role.Operator);
        var alarm = await Expect.EventuallyAsync(
            async () => (await operatorClient.GetFromJsonAsync<JsonArray>($"/api/v1/alarms?device={device.Id}"))!.FirstOrDefault(),
            "the panic alarm");
        var id = alarm!["id"]!.GetValue<long>();

        using var ack = await operatorClient.PostAsync($"/api/v1/alarms/{id}/acknowledge", null);
        await Expect.StatusAsync(ack, HttpStatusCode.OK);
        var acknowledged = (await ack.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Acknowledged", acknowledged["state"]!.GetValue<string>());
        Assert.StartsWith("operator-", acknowledged["acknowledgedBy"]!.GetValue<string>(), StringComparison.Ordinal);

        using var again = await operatorClient.PostAsync($"/api/v1/alarms/{id}/acknowledge", null);
        var problem = await Expect.ProblemAsync(again, HttpStatusCode.Conflict);
        Assert.Contains("Acknowledged", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        using var missing = await operatorClient.PostAsync("/api/v1/alarms/987654321/acknowledge", null);
        await Expect.ProblemAsync(missing, HttpStatusCode.NotFound);

        var stored = (await operatorClient.GetFromJsonAsync<JsonObject>($"/api/v1/alarms/{id}"))!;
        Assert.Equal("Acknowledged", stored["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Incident_created_by_hand_is_worked_through_its_lifecycle_with_notes_and_a_unit()
    {
        var place = TestPlaces.Next();
        var unitId = "E-" + Guid.NewGuid().ToString("n")[..8];
        var desk = server.App.Services.GetRequiredService<OperationsDesk>();
        var registered = await desk.RegisterUnitsAsync(
            [new ResponseUnit { Id = unitId, CallSign = "Engine " + unitId, AgencyId = "fire", Kind = UnitKind.Fire, Location = place, Station = place }],
            "test", CancellationToken.None);
        Assert.Equal(1, registered.Value);

        var dispatcher = await server.AsAsync(Role.Dispatcher);
        using var create = await dispatcher.PostAsJsonAsync("/api/v1/incidents", new
        {
            type = "Fire",
            priority = 2,
            location = new { lat = place.Lat, lon = place.Lon },
            title = "Smoke from a warehouse roof",
            note = "Caller on scene, no one inside",
        });
        await Expect.StatusAsync(create, HttpStatusCode.Created);
        var incident = (await create.Content.ReadFromJsonAsync<JsonObject>())!;
        var id = incident["id"]!.GetValue<long>();
        Assert.Equal($"/api/v1/incidents/{id}", create.Headers.Location?.OriginalString);
        Assert.Equal(("fire", "New", "manual"), (incident["type"]!.GetValue<string>(), incident["status"]!.GetValue<string>(), incident["source"]!.GetValue<string>()));
        Assert.Contains(incident["timeline"]!.AsArray(), e => e!["kind"]!.GetValue<string>() == "note" && e["text"]!.GetValue<string>() == "Caller on scene, no one inside");

        Assert.Equal("Acknowledged", await TransitionAsync(dispatcher, id, "Acknowledged", HttpStatusCode.OK));

        // Backwards and to New are refused with the reason; a missing status names the field.
        using (var back = await dispatcher.PostAsJsonAsync($"/api/v1/incidents/{id}/transition", new { status = "New" }))
        {
            var problem = await Expect.ProblemAsync(back, HttpStatusCode.Conflict);
            Assert.Contains("cannot go from Acknowledged to New", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        using (var noStatus = await dispatcher.PostAsJsonAsync($"/api/v1/incidents/{id}/transition", new { reason = "?" }))
        {
            await Expect.FieldProblemAsync(noStatus, "status");
        }

        using (var badStatus = await dispatcher.PostAsync($"/api/v1/incidents/{id}/transition", JsonBody("""{"status":"Teleported"}""")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        }

        using (var note = await dispatcher.PostAsJsonAsync($"/api/v1/incidents/{id}/notes", new { text = "Second caller: flames visible" }))
        {
            await Expect.StatusAsync(note, HttpStatusCode.OK);
        }

        using (var emptyNote = await dispatcher.PostAsJsonAsync($"/api/v1/incidents/{id}/notes", new { text = " " }))
        {
            await Expect.FieldProblemAsync(emptyNote, "text");
        }

        // Dispatching moves the incident to Dispatched and the unit with it; the same unit cannot be sent twice.
        using (var dispatch = await dispatcher.PostAsJsonAsync($"/api/v1/incidents/{id}/units", new { unitId }))
        {
            await Expect.StatusAsync(dispatch, HttpStatusCode.OK);
            var dispatched = (await dispatch.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal("Dispatched", dispatched["status"]!.GetValue<string>());
            Assert.Contains(unitId, dispatched["unitIds"]!.AsArray().Select(u => u!.GetValue<string>()));
        }

        using (var twice = await dispatcher.PostAsJsonAsync($"/api/v1/incidents/{id}/units", new { unitId }))
        {
            await Expect.ProblemAsync(twice, HttpStatusCode.Conflict);
        }

        using (var noUnit = await dispatcher.PostAsJsonAsync($"/api/v1/incidents/{id}/units", new { unitId = "no-such-unit" }))
        {
            await Expect.ProblemAsync(noUnit, HttpStatusCode.NotFound);
        }

        var unit = await UnitAsync(dispatcher, unitId);
        Assert.Equal(("Dispatched", id), (unit["status"]!.GetValue<string>(), unit["incidentId"]!.GetValue<long>()));

        // The responder reports progress and position.
        var responder = await server.AsAsync(Role.Responder);
        var moved = place.Offset(300, 400);
        using (var enRoute = await responder.PatchAsJsonAsync($"/api/v1/units/{unitId}", new { status = "EnRoute", location = new { lat = moved.Lat, lon = moved.Lon } }))
        {
            await Expect.StatusAsync(enRoute, HttpStatusCode.OK);
        }

        unit = await UnitAsync(responder, unitId);
        Assert.Equal("EnRoute", unit["status"]!.GetValue<string>());
        Assert.Equal(moved.Lat, unit["location"]!["lat"]!.GetValue<double>(), 9);
        Assert.Equal(moved.Lon, unit["location"]!["lon"]!.GetValue<double>(), 9);

        using (var badLocation = await responder.PatchAsJsonAsync($"/api/v1/units/{unitId}", new { location = new { lat = 91, lon = 0 } }))
        {
            await Expect.FieldProblemAsync(badLocation, "location");
        }

        using (var nothing = await responder.PatchAsJsonAsync($"/api/v1/units/{unitId}", new { }))
        {
            await Expect.FieldProblemAsync(nothing, "status");
        }

        Assert.Equal("OnScene", await TransitionAsync(responder, id, "OnScene", HttpStatusCode.OK));
        Assert.Equal("Resolved", await TransitionAsync(responder, id, "Resolved", HttpStatusCode.OK));
        Assert.Equal("Closed", await TransitionAsync(dispatcher, id, "Closed", HttpStatusCode.OK));

        using (var late = await dispatcher.PostAsJsonAsync($"/api/v1/incidents/{id}/notes", new { text = "too late" }))
        {
            await Expect.ProblemAsync(late, HttpStatusCode.Conflict);
        }

        var final = (await dispatcher.GetFromJsonAsync<JsonObject>($"/api/v1/incidents/{id}"))!;
        Assert.Equal("Closed", final["status"]!.GetValue<string>());
        var kinds = final["timeline"]!.AsArray().Select(e => e!["kind"]!.GetValue<string>()).ToList();
        Assert.Equal(["created", "note", "status", "note", "dispatch", "status", "status", "status", "status"], kinds);

        // Resolving released the unit: it is returning to its station and tied to no incident.
        var released = await UnitAsync(dispatcher, unitId);
        Assert.Equal("Returning", released["status"]!.GetValue<string>());
        Assert.Null(released["incidentId"]);

        // Every change left an audit record.
        var auditor = await server.AsAsync(Role.Auditor);
        var audit = (await auditor.GetFromJsonAsync<JsonArray>($"/api/v1/audit?entityType=incident&entityId={id}&limit=100"))!;
        Assert.Equal(
            ["incident.create", "incident.transition", "incident.note", "incident.dispatch", "incident.transition", "incident.transition", "incident.transition"],
            audit.Select(a => a!["record"]!["action"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Manual_incident_with_bad_fields_names_each_field()
    {
        var dispatcher = await server.AsAsync(Role.Dispatcher);

        using var response = await dispatcher.PostAsJsonAsync("/api/v1/incidents", new { type = "", priority = 9, location = new { lat = 0, lon = 200 } });

        var problem = await Expect.ProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("type") && errors.ContainsKey("priority") && errors.ContainsKey("location"), problem.ToJsonString());
    }

    [Fact]
    public async Task Unit_registered_through_the_api_joins_the_fleet_is_replaced_by_id_and_audited()
    {
        var admin = await server.AdminAsync();
        var station = new { lat = 45.51, lon = -122.66 };

        using (var added = await admin.PutAsJsonAsync("/api/v1/units/api-e-7", new { callSign = "Engine 7", agencyId = "fire", kind = "Fire", station }))
        {
            await Expect.StatusAsync(added, HttpStatusCode.OK);
            var unit = (await added.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal(("Engine 7", "Available"), (unit["callSign"]!.GetValue<string>(), unit["status"]!.GetValue<string>()));
            Assert.Equal(45.51, unit["location"]!["lat"]!.GetValue<double>());
        }

        using (var replaced = await admin.PutAsJsonAsync("/api/v1/units/api-e-7", new { callSign = "Engine 7B", agencyId = "fire", kind = "Fire", station, status = "OutOfService" }))
        {
            await Expect.StatusAsync(replaced, HttpStatusCode.OK);
        }

        var listed = await UnitAsync(admin, "api-e-7");
        Assert.Equal(("Engine 7B", "OutOfService"), (listed["callSign"]!.GetValue<string>(), listed["status"]!.GetValue<string>()));
        var audit = (await admin.GetFromJsonAsync<JsonArray>("/api/v1/audit?entityType=unit&entityId=api-e-7"))!;
        Assert.Equal(["unit.register", "unit.register"], audit.Select(e => e!["record"]!["action"]!.GetValue<string>()).ToArray());
        Assert.All(audit, e => Assert.Equal("admin", e!["record"]!["actor"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("{\"agencyId\":\"fire\",\"kind\":\"Fire\",\"station\":{\"lat\":45.5,\"lon\":-122.6}}", "callSign")]
    [InlineData("{\"callSign\":\"E1\",\"kind\":\"Fire\",\"station\":{\"lat\":45.5,\"lon\":-122.6}}", "agencyId")]
    [InlineData("{\"callSign\":\"E1\",\"agencyId\":\"fire\",\"station\":{\"lat\":45.5,\"lon\":-122.6}}", "kind")]
    [InlineData("{\"callSign\":\"E1\",\"agencyId\":\"fire\",\"kind\":\"Fire\"}", "station")]
    [InlineData("{\"callSign\":\"E1\",\"agencyId\":\"fire\",\"kind\":\"Fire\",\"station\":{\"lat\":45.5,\"lon\":-122.6},\"location\":{\"lat\":95,\"lon\":0}}", "location")]
    [InlineData("{\"callSign\":\"E1\",\"agencyId\":\"fire\",\"kind\":\"Fire\",\"station\":{\"lat\":45.5,\"lon\":-122.6},\"status\":\"OnScene\"}", "status")]
    public async Task Unit_registration_with_a_bad_field_is_refused_naming_it(string body, string field)
    {
        var admin = await server.AdminAsync();

        using var response = await admin.PutAsync("/api/v1/units/bad-unit", JsonBody(body));

        await Expect.FieldProblemAsync(response, field);
        Assert.DoesNotContain((await admin.GetFromJsonAsync<JsonArray>("/api/v1/units"))!, u => u!["id"]!.GetValue<string>() == "bad-unit");
    }

    private static async Task<string> TransitionAsync(HttpClient client, long id, string status, HttpStatusCode expected)
    {
        using var response = await client.PostAsJsonAsync($"/api/v1/incidents/{id}/transition", new { status, reason = "test step" });
        await Expect.StatusAsync(response, expected);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>();
    }

    private static async Task<JsonNode> UnitAsync(HttpClient client, string unitId) =>
        (await client.GetFromJsonAsync<JsonArray>("/api/v1/units"))!.Single(u => u!["id"]!.GetValue<string>() == unitId)!;

    private static StringContent JsonBody(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
