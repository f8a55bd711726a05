using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Vigil.Domain.Accounts;
using Vigil.Server.Tests.Infrastructure;

namespace Vigil.Server.Tests.Open311;

/// <summary>The open-data files: what a city's portal may publish, and nothing personal.</summary>
public sealed class OpenDataExportTests(VigilServer server) : IClassFixture<VigilServer>
{
    [Fact]
    public async Task Reports_and_incidents_export_as_geojson_and_csv_without_personal_data()
    {
        var key = await Open311Client.IssueKeyAsync(server);
        using var flood = await Open311Client.PostAsync(server.Anonymous, "json", Open311Client.Flooding(key, ("address_string", "Bus stop, Elm Road")));
        await Expect.StatusAsync(flood, HttpStatusCode.Created);
        var floodId = (await Open311Client.JsonArrayAsync(flood))[0]!["service_request_id"]!.GetValue<string>();
        using var noise = await Open311Client.PostAsync(server.Anonymous, "json",
            ("api_key", key), ("service_code", "noise"), ("address_string", "12 Elm Road"), ("description", "=HYPERLINK(\"http://x\") my neighbour Sam"),
            ("email", "sam.reporter@example.org"));
        await Expect.StatusAsync(noise, HttpStatusCode.Created);
        var noiseId = (await Open311Client.JsonArrayAsync(noise))[0]!["service_request_id"]!.GetValue<string>();
        using var portal = await server.Anonymous.PostAsJsonAsync("/api/v1/public/reports", new
        {
            category = "road-hazard", description = "=1+1 pothole", locationText = "Main St", contact = new { email = "portal.person@example.org" },
        });
        await Expect.StatusAsync(portal, HttpStatusCode.Created);

        var dispatcher = await server.AsAsync(Role.Dispatcher);
        using var incident = await dispatcher.PostAsJsonAsync("/api/v1/incidents", new
        {
            type = "Fire", priority = 2, location = new { lat = 51.501, lon = -0.125 }, title = "Fire at the home of Ann Example", note = "Caller Ann on 555-0100",
        });
        await Expect.StatusAsync(incident, HttpStatusCode.Created);
        var incidentId = (await incident.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>();

        var analyst = await server.AsAsync(Role.Analyst);
        using var geo = await analyst.GetAsync("/api/v1/export/reports.geojson");
        await Expect.StatusAsync(geo, HttpStatusCode.OK);
        Assert.Equal("application/geo+json", geo.Content.Headers.ContentType?.MediaType);
        var geoText = await geo.Content.ReadAsStringAsync();
        AssertNothingPersonal(geoText);
        var collection = JsonNode.Parse(geoText)!;
        Assert.Equal("FeatureCollection", collection["type"]!.GetValue<string>());
        var features = collection["features"]!.AsArray();
        var floodFeature = features.Single(f => f!["properties"]!["id"]!.GetValue<string>() == floodId)!;
        Assert.Equal(-0.1246, floodFeature["geometry"]!["coordinates"]![0]!.GetValue<double>());
        Assert.Equal(51.5007, floodFeature["geometry"]!["coordinates"]![1]!.GetValue<double>());
        Assert.Equal("Bus stop, Elm Road", floodFeature["properties"]!["address"]!.GetValue<string>());
        Assert.StartsWith("Water over the kerb", floodFeature["properties"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        var noiseFeature = features.Single(f => f!["properties"]!["id"]!.GetValue<string>() == noiseId)!;
        Assert.Null(noiseFeature["geometry"]);
        Assert.Null(noiseFeature["properties"]!["description"]);
        Assert.Null(noiseFeature["properties"]!["address"]);

        using var csv = await analyst.GetAsync("/api/v1/export/reports.csv");
        var csvText = await csv.Content.ReadAsStringAsync();
        AssertNothingPersonal(csvText);
        Assert.StartsWith("id,category,status,created_at,updated_at,lat,lon,address,description,status_note\r\n", csvText, StringComparison.Ordinal);
        Assert.Contains("\"'=1+1 pothole\"", csvText, StringComparison.Ordinal);
        Assert.DoesNotContain("HYPERLINK", csvText, StringComparison.Ordinal);

        using var incidents = await analyst.GetAsync("/api/v1/export/incidents.csv");
        var incidentsText = await incidents.Content.ReadAsStringAsync();
        Assert.StartsWith("id,type,priority,status,source,created_at,updated_at,lat,lon\r\n", incidentsText, StringComparison.Ordinal);
        Assert.Contains($"\r\n{incidentId},fire,2,New,manual,", incidentsText, StringComparison.Ordinal);
        Assert.DoesNotContain("Ann", incidentsText, StringComparison.Ordinal);
        using var incidentsGeo = await analyst.GetAsync("/api/v1/export/incidents.geojson");
        var incidentsCollection = JsonNode.Parse(await incidentsGeo.Content.ReadAsStringAsync())!;
        Assert.Contains(incidentsCollection["features"]!.AsArray(), f => f!["properties"]!["id"]!.GetValue<long>() == incidentId);
    }

    [Fact]
    public async Task Unknown_format_and_bad_dates_are_400_problems_naming_the_field()
    {
        var analyst = await server.AsAsync(Role.Analyst);
        using var xlsx = await analyst.GetAsync("/api/v1/export/reports.xlsx");
        await Expect.FieldProblemAsync(xlsx, "format");
        using var from = await analyst.GetAsync("/api/v1/export/incidents.csv?from=last-week");
        await Expect.FieldProblemAsync(from, "from");
        using var limit = await analyst.GetAsync("/api/v1/export/reports.csv?limit=0");
        await Expect.FieldProblemAsync(limit, "limit");
    }

    private static void AssertNothingPersonal(string text)
    {
        foreach (var personal in new[] { "jo@example.org", "Bloggs", "+44 20", "sam.reporter", "portal.person", "12 Elm Road", "neighbour Sam" })
        {
            Assert.DoesNotContain(personal, text, StringComparison.Ordinal);
        }
    }
}
