using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Vigil.Alerting.Cap;
using Vigil.Alerting.Cap.Validation;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Domain.Accounts;
using Vigil.Domain.Devices;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;
using Vigil.Server.Alerts;
using Vigil.Server.Tests.Infrastructure;

namespace Vigil.Server.Tests;

/// <summary>Public warnings through the API: draft, two-person approval, publication on the public feeds, cancellation.</summary>
public sealed class AlertsTests(VigilServer server) : IClassFixture<VigilServer>
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Fact]
    public async Task Draft_with_wrong_fields_is_refused_naming_each_field()
    {
        var dispatcher = await server.AsAsync(Role.Dispatcher);

        using var response = await dispatcher.PostAsJsonAsync("/api/v1/alerts", new
        {
            @event = "Chemical Release",
            urgency = "Immediate",
            severity = "Dreadful",
            certainty = "Observed",
            description = "A plume.",
            area = new { description = "Harbour", polygon = new[] { new { lat = 91.0, lon = 0.0 }, new { lat = 0.0, lon = 0.0 }, new { lat = 0.0, lon = 1.0 } } },
        });

        var problem = await Expect.ProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("severity"), problem.ToJsonString());
        Assert.True(errors.ContainsKey("headline"), problem.ToJsonString());
        Assert.True(errors.ContainsKey("area.polygon"), problem.ToJsonString());
        Assert.Contains("Extreme", errors["severity"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alert_is_drafted_approved_by_a_second_person_published_and_cancelled()
    {
        var author = await server.AsAsync(Role.Operator);
        var supervisor = await server.AsAsync(Role.Admin);
        var dispatcher = await server.AsAsync(Role.Dispatcher);
        var headline = "Chemical plume over the harbour " + Guid.NewGuid().ToString("n")[..8];

        // Draft, in two languages, for an area drawn as a polygon (left open: the server closes the ring).
        using var draft = await author.PostAsJsonAsync("/api/v1/alerts", new
        {
            @event = "Chemical Release",
            category = "CBRNE",
            urgency = "Immediate",
            severity = "Severe",
            certainty = "Observed",
            headline,
            description = "A chlorine plume is drifting east from the harbour terminal.",
            instruction = "Go indoors, close windows and doors, switch off ventilation.",
            language = "en-US",
            translations = new[]
            {
                new { language = "es-US", headline = "Nube química sobre el puerto", description = "Una nube de cloro avanza hacia el este.", instruction = "Entre en un edificio y cierre ventanas." },
            },
            area = new
            {
                description = "Harbour district",
                polygon = new[] { new { lat = 52.37, lon = 4.88 }, new { lat = 52.38, lon = 4.90 }, new { lat = 52.36, lon = 4.92 } },
            },
        });
        await Expect.StatusAsync(draft, HttpStatusCode.Created);
        var drafted = (await draft.Content.ReadFromJsonAsync<JsonObject>())!;
        var id = drafted["id"]!.GetValue<string>();
        Assert.Equal("Pending", drafted["status"]!.GetValue<string>());
        Assert.Equal(2, drafted["texts"]!.AsArray().Count);

        // A draft is not public.
        Assert.DoesNotContain(id, await server.Anonymous.GetStringAsync("/api/v1/public/alerts"), StringComparison.Ordinal);
        using (var hidden = await server.Anonymous.GetAsync($"/cap/alerts/{id}.xml"))
        {
            await Expect.ProblemAsync(hidden, HttpStatusCode.NotFound);
        }

        // Two-person rule: a dispatcher may not approve at all, and the author may not approve their own draft.
        using (var byDispatcher = await dispatcher.PostAsync($"/api/v1/alerts/{id}/approve", null))
        {
            Assert.Equal(HttpStatusCode.Forbidden, byDispatcher.StatusCode);
        }

        using (var byAuthor = await author.PostAsync($"/api/v1/alerts/{id}/approve", null))
        {
            var refused = await Expect.ProblemAsync(byAuthor, HttpStatusCode.Conflict);
            Assert.Contains("second person", refused["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        using var approve = await supervisor.PostAsync($"/api/v1/alerts/{id}/approve", null);
        await Expect.StatusAsync(approve, HttpStatusCode.OK);
        var issued = (await approve.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Issued", issued["status"]!.GetValue<string>());
        Assert.StartsWith("admin-", issued["approvedBy"]!.GetValue<string>(), StringComparison.Ordinal);

        using (var twice = await supervisor.PostAsync($"/api/v1/alerts/{id}/approve", null))
        {
            await Expect.ProblemAsync(twice, HttpStatusCode.Conflict);
        }

        // The public map layer carries the alert with its headline, severity and instruction.
        var geo = JsonNode.Parse(await server.Anonymous.GetStringAsync("/api/v1/public/alerts"))!.AsObject();
        Assert.Equal("FeatureCollection", geo["type"]!.GetValue<string>());
        var feature = geo["features"]!.AsArray().Single(f => f!["id"]!.GetValue<string>() == id)!;
        Assert.Equal("MultiPolygon", feature["geometry"]!["type"]!.GetValue<string>());
        var ring = feature["geometry"]!["coordinates"]![0]![0]!.AsArray();
        Assert.Equal(4, ring.Count);
        Assert.Equal(4.88, ring[0]![0]!.GetValue<double>(), 6); // GeoJSON is [lon, lat]
        Assert.Equal(headline, feature["properties"]!["headline"]!.GetValue<string>());
        Assert.Equal("Severe", feature["properties"]!["severity"]!.GetValue<string>());
        Assert.StartsWith("Go indoors", feature["properties"]!["instruction"]!.GetValue<string>(), StringComparison.Ordinal);

        // The Atom index links to the CAP XML, which passes the library's validator, Google's profile included.
        var entry = await AtomEntryAsync(id);
        Assert.Equal(headline, entry.Element(Atom + "title")!.Value);
        var alert = await FetchValidCapAsync(entry);
        Assert.Equal(id, alert.Identifier);
        Assert.Equal(CapMsgType.Alert, alert.MsgType);
        Assert.Equal(["en-US", "es-US"], alert.Infos.Select(i => i.Language));

        // Cancel: a Cancel message referencing the original is published and the alert leaves the public layer.
        using (var byDispatcher = await dispatcher.PostAsJsonAsync($"/api/v1/alerts/{id}/cancel", new { note = "Plume dispersed." }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, byDispatcher.StatusCode);
        }

        using var cancel = await author.PostAsJsonAsync($"/api/v1/alerts/{id}/cancel", new { note = "Plume dispersed." });
        await Expect.StatusAsync(cancel, HttpStatusCode.OK);
        var cancelMessage = (await cancel.Content.ReadFromJsonAsync<JsonObject>())!;
        var cancelId = cancelMessage["id"]!.GetValue<string>();
        Assert.Equal("Cancel", cancelMessage["msgType"]!.GetValue<string>());
        Assert.DoesNotContain(id, await server.Anonymous.GetStringAsync("/api/v1/public/alerts"), StringComparison.Ordinal);

        var cancelCap = await FetchValidCapAsync(await AtomEntryAsync(cancelId));
        Assert.Equal(CapMsgType.Cancel, cancelCap.MsgType);
        Assert.Contains($",{id},", cancelCap.References, StringComparison.Ordinal);
        Assert.Equal("Plume dispersed.", cancelCap.Note);

        using (var again = await author.PostAsJsonAsync($"/api/v1/alerts/{id}/cancel", new { }))
        {
            await Expect.ProblemAsync(again, HttpStatusCode.Conflict);
        }

        var list = (await author.GetFromJsonAsync<JsonArray>("/api/v1/alerts"))!;
        var original = list.Single(a => a!["id"]!.GetValue<string>() == id)!;
        Assert.Equal("Cancelled", original["status"]!.GetValue<string>());
        Assert.Equal(cancelId, original["cancelId"]!.GetValue<string>());

        // Every change is in the audit trail.
        var admin = await server.AdminAsync();
        var audit = (await admin.GetFromJsonAsync<JsonArray>($"/api/v1/audit?entityType=alert&entityId={id}"))!;
        Assert.Equal(["alert.draft", "alert.approve", "alert.cancel"], audit.Select(a => a!["record"]!["action"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Circle_area_is_published_as_a_closed_polygon_with_its_centre_and_radius()
    {
        var author = await server.AsAsync(Role.Dispatcher);
        var supervisor = await server.AsAsync(Role.Operator);
        using var draft = await author.PostAsJsonAsync("/api/v1/alerts", new
        {
            @event = "Gas Leak",
            urgency = "Immediate",
            severity = "Moderate",
            certainty = "Likely",
            headline = "Gas leak on Market Street",
            description = "A gas main is leaking.",
            area = new { description = "Market Street", circle = new { lat = 52.37, lon = 4.89, radiusKm = 0.5 } },
        });
        await Expect.StatusAsync(draft, HttpStatusCode.Created);
        var id = (await draft.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        using (var approve = await supervisor.PostAsync($"/api/v1/alerts/{id}/approve", null))
        {
            await Expect.StatusAsync(approve, HttpStatusCode.OK);
        }

        var geo = JsonNode.Parse(await server.Anonymous.GetStringAsync("/api/v1/public/alerts"))!.AsObject();
        var feature = geo["features"]!.AsArray().Single(f => f!["id"]!.GetValue<string>() == id)!;
        var ring = feature["geometry"]!["coordinates"]![0]![0]!.AsArray();
        Assert.Equal(ring[0]!.ToJsonString(), ring[^1]!.ToJsonString());
        Assert.Equal(0.5, feature["properties"]!["circle"]!["radiusKm"]!.GetValue<double>(), 9);
        foreach (var corner in ring)
        {
            var km = Vigil.Alerting.Geo.GeoMath.HaversineKm(52.37, 4.89, corner![1]!.GetValue<double>(), corner[0]!.GetValue<double>());
            Assert.InRange(km, 0.49, 0.51);
        }

        var alert = await FetchValidCapAsync(await AtomEntryAsync(id));
        Assert.Equal("52.37,4.89 0.5", alert.Infos[0].Areas[0].Circles[0]);
    }

    [Fact]
    public async Task Unhealthy_district_air_gets_one_health_advisory_drafted_for_approval()
    {
        // A district drawn around a place of its own, with one air-quality sensor reading 100 µg/m³ PM2.5: AQI 182, Unhealthy on the 2024 scale (55.5-125.4 µg/m³ maps to 151-200).
        var place = TestPlaces.Next();
        var district = "Smog district " + Guid.NewGuid().ToString("n")[..6];
        var ring = new List<GeoView> { new(place.Lat - 0.01, place.Lon - 0.01), new(place.Lat - 0.01, place.Lon + 0.01), new(place.Lat + 0.01, place.Lon + 0.01), new(place.Lat + 0.01, place.Lon - 0.01) };
        var maps = server.App.Services.GetRequiredService<ICityMapStore>();
        await maps.SaveAsync(
            new CityLayers("Test city", new GeoView(place.Lat, place.Lon), [new MapDistrict(district, ring)], []),
            new AuditRecord(DateTimeOffset.UtcNow, "test", "map.save", "city_map", "city", null, null),
            CancellationToken.None);
        var sensor = await server.RegisterDeviceAsync(DeviceKind.AirQuality, ["pm25"], place);
        using (var post = await sensor.PostAsync("aq-1", ("pm25", DateTimeOffset.UtcNow, 100.0)))
        {
            await Expect.StatusAsync(post, HttpStatusCode.Accepted);
        }

        var monitor = server.App.Services.GetRequiredService<AirQualityAdvisories>();
        var drafted = await Expect.EventuallyAsync(
            async () => (await monitor.CheckAsync(CancellationToken.None)).FirstOrDefault(a => a.Areas[0].Description == district),
            "an advisory for the district");

        Assert.Equal(AlertStatus.Pending, drafted.Status);
        Assert.Equal("Health", drafted.Category);
        Assert.Equal(AirQualityAdvisories.Author, drafted.Author);
        Assert.EndsWith("(AQI 182)", drafted.Texts[0].Headline, StringComparison.Ordinal);
        Assert.DoesNotContain(await monitor.CheckAsync(CancellationToken.None), a => a.Areas[0].Description == district);

        // A supervisor issues it like any other draft, and it validates.
        var supervisor = await server.AsAsync(Role.Operator);
        using (var approve = await supervisor.PostAsync($"/api/v1/alerts/{drafted.Id}/approve", null))
        {
            await Expect.StatusAsync(approve, HttpStatusCode.OK);
        }

        var alert = await FetchValidCapAsync(await AtomEntryAsync(drafted.Id));
        Assert.Contains(CapCategory.Health, alert.Infos[0].Categories);
    }

    private async Task<XElement> AtomEntryAsync(string id)
    {
        using var response = await server.Anonymous.GetAsync("/cap/feed.atom");
        await Expect.StatusAsync(response, HttpStatusCode.OK);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync());
        return feed.Root!.Elements(Atom + "entry").Single(e => e.Element(Atom + "id")!.Value.EndsWith($"/cap/alerts/{id}.xml", StringComparison.Ordinal));
    }

    private async Task<CapAlert> FetchValidCapAsync(XElement entry)
    {
        var href = new Uri(entry.Element(Atom + "link")!.Attribute("href")!.Value);
        using var response = await server.Anonymous.GetAsync(href.PathAndQuery);
        await Expect.StatusAsync(response, HttpStatusCode.OK);
        Assert.Equal("application/cap+xml", response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var report = CapValidator.Validate(stream, CapProfile.Google);
        Assert.True(report.IsValid, string.Join("\n", report.Findings));
        return report.Alert!;
    }
}
