using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Domain.Units;
using Vigil.Platform.Contracts;
using Vigil.Platform.Hospitals;
using Vigil.Platform.Ports;
using Vigil.Routing.Geo;
using Vigil.Routing.Import;
using static Vigil.Routing.Tests.Server.RoutingServer;

namespace Vigil.Routing.Tests.Server;

public sealed class RoutingApiTests
{
    // Two west–east streets 0.002° apart (about 220 m) joined only at their east end, 0.010° (about 790 m) away:
    // a unit on the north street is near the incident as the crow flies and far by road.
    private static StreetNetwork Streets()
    {
        static GeoPoint P(double n, double e) => Road(At(n, e));
        return new StreetNetwork()
            .Add([P(0, 0), P(0, 2), P(0, 4), P(0, 6), P(0, 8), P(0, 10)], "residential", "South Street")
            .Add([P(2, 0), P(2, 2), P(2, 4), P(2, 6), P(2, 8), P(2, 10)], "residential", "North Street")
            .Add([P(0, 10), P(2, 10)], "residential", "East Lane");
    }

    [Fact]
    public async Task Recommendations_rank_suitable_units_by_road_eta_not_distance_and_dispatch_removes_the_sent_one()
    {
        await using var server = await StartAsync(Streets());
        await server.AddUnitsAsync(
            ("e-north", UnitKind.Fire, At(2, 0.5)),
            ("e-east", UnitKind.Fire, At(0, 6)),
            ("p-next-door", UnitKind.Police, At(0, 1)));
        var incident = await server.OpenIncidentAsync("fire", At(0, 0.5));

        using (var doc = await server.GetJsonAsync($"/api/v1/incidents/{incident}/recommendations"))
        {
            var root = doc.RootElement;
            Assert.Equal(["Fire"], root.GetProperty("suitableKinds").EnumerateArray().Select(k => k.GetString() ?? "").ToArray());
            var units = root.GetProperty("units").EnumerateArray().ToArray();
            Assert.Equal(["e-east", "e-north"], units.Select(u => u.GetProperty("unit").GetProperty("id").GetString() ?? "").ToArray());
            Assert.True(units[0].GetProperty("etaSeconds").GetDouble() < units[1].GetProperty("etaSeconds").GetDouble());

            // The north unit's route must go round by East Lane: far longer than the 220 m straight line.
            Assert.True(units[1].GetProperty("distanceMeters").GetDouble() > 1500);
            var line = units[0].GetProperty("route");
            Assert.Equal("LineString", line.GetProperty("type").GetString());
            var last = line.GetProperty("coordinates").EnumerateArray().Last();
            Assert.Equal(At(0, 0.5).Lon, last[0].GetDouble(), 6);
            Assert.Equal(At(0, 0.5).Lat, last[1].GetDouble(), 6);
        }

        using (var dispatched = await server.Client.PostAsJsonAsync($"/api/v1/incidents/{incident}/dispatch", new { unitId = "e-east" }))
        {
            Assert.Equal(HttpStatusCode.OK, dispatched.StatusCode);
        }

        using (var doc = await server.GetJsonAsync($"/api/v1/incidents/{incident}/recommendations"))
        {
            var ids = doc.RootElement.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("unit").GetProperty("id").GetString() ?? "").ToArray();
            Assert.Equal(["e-north"], ids);
        }
    }

    [Fact]
    public async Task Hospitals_for_a_medical_incident_rank_by_road_eta_and_skip_diverting_and_full_ones()
    {
        await using var server = await StartAsync(Streets());
        var store = server.Services.GetRequiredService<IHospitalStore>();

        // Across the block on North Street is nearest as the crow flies but far by road; the two on South Street
        // beside the scene cannot take a patient.
        foreach (var (id, at, status, beds) in new[]
        {
            ("h-north", At(2, 0.5), EdStatus.Open, 5),
            ("h-east", At(0, 6), EdStatus.Open, 2),
            ("h-diverting", At(0, 1), EdStatus.Diverting, 20),
            ("h-full", At(0, 1.5), EdStatus.Open, 0),
        })
        {
            var hospital = new HospitalView(id, id, new GeoView(at.Lat, at.Lon), status, beds, DateTimeOffset.UtcNow, "test");
            Assert.True(await store.AddAsync(hospital, new AuditRecord(hospital.UpdatedAt, "test", "hospital.register", "hospital", id, null, null), CancellationToken.None));
        }

        var incident = await server.OpenIncidentAsync("medical", At(0, 0.5));
        using (var doc = await server.GetJsonAsync($"/api/v1/incidents/{incident}/hospitals"))
        {
            var root = doc.RootElement;
            Assert.Equal(("road", 4, 2, 0), (root.GetProperty("method").GetString(), root.GetProperty("registered").GetInt32(), root.GetProperty("withoutCapacity").GetInt32(), root.GetProperty("unreachable").GetInt32()));
            var options = root.GetProperty("hospitals").EnumerateArray().ToArray();
            Assert.Equal(["h-east", "h-north"], options.Select(o => o.GetProperty("hospital").GetProperty("id").GetString() ?? "").ToArray());
            Assert.True(options[0].GetProperty("etaSeconds").GetDouble() < options[1].GetProperty("etaSeconds").GetDouble());
            Assert.True(options[1].GetProperty("distanceMeters").GetDouble() > 1500);

            // The route runs from the scene to the hospital, the way the ambulance drives with the patient.
            var first = options[0].GetProperty("route").GetProperty("coordinates").EnumerateArray().First();
            Assert.Equal(At(0, 0.5).Lon, first[0].GetDouble(), 6);
            Assert.Equal(At(0, 0.5).Lat, first[1].GetDouble(), 6);
        }

        // A diverting hospital that reopens with beds, reported by the dispatcher, comes first: it is next door.
        using (var reopen = await server.Client.PutAsJsonAsync("/api/v1/hospitals/h-diverting/capacity", new { edStatus = "open", freeBeds = 3 }))
        {
            Assert.Equal(HttpStatusCode.OK, reopen.StatusCode);
        }

        using (var doc = await server.GetJsonAsync($"/api/v1/incidents/{incident}/hospitals?count=1"))
        {
            Assert.Equal("h-diverting", doc.RootElement.GetProperty("hospitals")[0].GetProperty("hospital").GetProperty("id").GetString());
            Assert.Equal(1, doc.RootElement.GetProperty("hospitals").GetArrayLength());
        }
    }

    [Fact]
    public async Task Route_endpoint_returns_geojson_distance_and_duration_and_names_bad_fields()
    {
        await using var server = await StartAsync(Streets());

        using (var doc = await server.GetJsonAsync("/api/v1/routes?from=45.002,7.0005&to=45.0,7.0005"))
        {
            var root = doc.RootElement;
            Assert.True(root.GetProperty("distanceMeters").GetDouble() > 1500);
            Assert.True(root.GetProperty("durationSeconds").GetDouble() > 0);
            Assert.Equal("LineString", root.GetProperty("geometry").GetProperty("type").GetString());
        }

        using var bad = await server.Client.GetAsync(new Uri("/api/v1/routes?from=north&to=45.0,7.0", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("from", out _));

        using var offRoad = await server.Client.GetAsync(new Uri("/api/v1/routes?from=46.0,7.0&to=45.0,7.0", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, offRoad.StatusCode);

        using var anonymous = new HttpClient { BaseAddress = server.Client.BaseAddress };
        using var refused = await anonymous.GetAsync(new Uri("/api/v1/routes?from=45.002,7.0005&to=45.0,7.0005", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Routing_endpoints_are_in_the_openapi_document_with_summaries()
    {
        await using var server = await StartAsync(Streets());
        using var doc = await server.GetJsonAsync("/openapi/v1.json");
        var paths = doc.RootElement.GetProperty("paths");
        foreach (var (path, verb) in (ReadOnlySpan<(string, string)>)[
            ("/api/v1/routes", "get"), ("/api/v1/incidents/{id}/recommendations", "get"), ("/api/v1/incidents/{id}/dispatch", "post"),
            ("/api/v1/coverage", "get"), ("/api/v1/evacuations", "post")])
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} is missing from the OpenAPI document");
            Assert.False(string.IsNullOrWhiteSpace(item.GetProperty(verb).GetProperty("summary").GetString()));
        }
    }

    [Fact]
    public async Task Coverage_and_evacuation_answer_geojson()
    {
        await using var server = await StartAsync(Streets());
        await server.AddUnitsAsync(("e-1", UnitKind.Fire, At(0, 0)));

        using (var doc = await server.GetJsonAsync("/api/v1/coverage"))
        {
            var features = doc.RootElement.GetProperty("features").EnumerateArray().ToArray();
            Assert.Equal(2, features.Length);
            var shares = features.Select(f => f.GetProperty("properties").GetProperty("share").GetDouble()).ToArray();
            Assert.All(shares, s => Assert.InRange(s, 0.01, 1));
            Assert.True(shares[1] >= shares[0]);
            Assert.Equal("MultiLineString", features[0].GetProperty("geometry").GetProperty("type").GetString());
        }

        // The hazard covers the west end of both streets; the shelter is at the east end.
        double[][] ring = [[6.9990, 44.9990], [7.0030, 44.9990], [7.0030, 45.0030], [6.9990, 45.0030], [6.9990, 44.9990]];
        var request = new { hazard = new { type = "Polygon", coordinates = new[] { ring } }, shelters = new[] { new { name = "school", location = new { lat = 45.001, lon = 7.010 } } } };
        using var response = await server.Client.PostAsJsonAsync("/api/v1/evacuations", request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        using var plan = JsonDocument.Parse(text);
        var summary = plan.RootElement.GetProperty("summary");
        Assert.True(summary.GetProperty("nodesInside").GetInt32() >= 2);
        Assert.Equal(summary.GetProperty("nodesInside").GetInt32(), summary.GetProperty("routed").GetInt32());
        Assert.Equal(summary.GetProperty("routed").GetInt32(), plan.RootElement.GetProperty("features").GetArrayLength());

        using var bad = await server.Client.PostAsJsonAsync("/api/v1/evacuations", new { shelters = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("hazard", out _));
    }
}
