using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Vigil.Server.Tests.Infrastructure;

namespace Vigil.Server.Tests.Open311;

/// <summary>GeoReport v2 as a real client uses it: form posts, .json and .xml reads, the spec's error lists.</summary>
public sealed class Open311Tests(VigilServer server) : IClassFixture<VigilServer>
{
    [Fact]
    public async Task Services_list_published_categories_in_json_and_xml_with_spec_fields()
    {
        using var json = await server.Anonymous.GetAsync("/open311/v2/services.json?jurisdiction_id=vigil.city");
        await Expect.StatusAsync(json, HttpStatusCode.OK);
        var services = await Open311Client.JsonArrayAsync(json);
        var flooding = services.Single(s => s!["service_code"]!.GetValue<string>() == "flooding")!;
        Assert.Equal("Flooding", flooding["service_name"]!.GetValue<string>());
        Assert.True(flooding["metadata"]!.GetValue<bool>());
        Assert.Equal("realtime", flooding["type"]!.GetValue<string>());
        Assert.NotNull(flooding["keywords"]);
        Assert.NotNull(flooding["group"]);

        using var xml = await server.Anonymous.GetAsync("/open311/v2/services.xml");
        await Expect.StatusAsync(xml, HttpStatusCode.OK);
        var doc = await Open311Client.XmlAsync(xml);
        Assert.Equal("services", doc.Root!.Name.LocalName);
        var codes = doc.Root.Elements("service").Select(s => s.Element("service_code")!.Value).ToList();
        Assert.Equal(services.Select(s => s!["service_code"]!.GetValue<string>()), codes);
        Assert.Equal("false", doc.Root.Elements("service").Single(s => s.Element("service_code")!.Value == "other").Element("metadata")!.Value);
    }

    [Fact]
    public async Task The_audit_names_the_app_whose_key_filed_a_request_and_the_portal_for_a_residents_own_report()
    {
        var key = await Open311Client.IssueKeyAsync(server, "FixMyStreet bridge");
        using var posted = await Open311Client.PostAsync(server.Anonymous, "json", Open311Client.Flooding(key));
        await Expect.StatusAsync(posted, HttpStatusCode.Created);
        var id = (await Open311Client.JsonArrayAsync(posted))[0]!["service_request_id"]!.GetValue<string>();

        using var portal = await server.Anonymous.PostAsJsonAsync("/api/v1/public/reports", new
        {
            category = "road-hazard",
            description = "Loose manhole cover",
            location = new { lat = 51.5, lon = -0.12 },
        });
        await Expect.StatusAsync(portal, HttpStatusCode.Created);
        var ticket = (await portal.Content.ReadFromJsonAsync<JsonObject>())!["ticket"]!.GetValue<string>();

        var admin = await server.AdminAsync();
        var keys = (await admin.GetFromJsonAsync<JsonArray>("/api/v1/api-keys"))!;
        var keyId = keys.Single(k => k!["name"]!.GetValue<string>() == "FixMyStreet bridge")!["id"]!.GetValue<string>();
        var filed = (await admin.GetFromJsonAsync<JsonArray>($"/api/v1/audit?entityType=report&entityId={id}"))!.Single()!["record"]!;
        Assert.Equal("report.create", filed["action"]!.GetValue<string>());
        Assert.Equal($"open311:{keyId} (FixMyStreet bridge)", filed["actor"]!.GetValue<string>());
        var own = (await admin.GetFromJsonAsync<JsonArray>($"/api/v1/audit?entityType=report&entityId={ticket}"))!.Single()!["record"]!;
        Assert.Equal("public", own["actor"]!.GetValue<string>());
    }

    [Fact]
    public async Task Service_definition_lists_attributes_with_their_values()
    {
        using var xml = await server.Anonymous.GetAsync("/open311/v2/services/flooding.xml");
        await Expect.StatusAsync(xml, HttpStatusCode.OK);
        var doc = await Open311Client.XmlAsync(xml);
        Assert.Equal("service_definition", doc.Root!.Name.LocalName);
        Assert.Equal("flooding", doc.Root.Element("service_code")!.Value);
        var depth = doc.Root.Element("attributes")!.Elements("attribute").Single(a => a.Element("code")!.Value == "depth");
        Assert.Equal("true", depth.Element("variable")!.Value);
        Assert.Equal("singlevaluelist", depth.Element("datatype")!.Value);
        Assert.Equal("true", depth.Element("required")!.Value);
        Assert.Equal("1", depth.Element("order")!.Value);
        Assert.Contains(depth.Element("values")!.Elements("value"), v => v.Element("key")!.Value == "knee" && v.Element("name")!.Value == "Knee-deep");

        using var json = await server.Anonymous.GetAsync("/open311/v2/services/damaged-infrastructure.json");
        var definition = JsonNode.Parse(await json.Content.ReadAsStringAsync())!;
        Assert.Equal("multivaluelist", definition["attributes"]![0]!["datatype"]!.GetValue<string>());

        using var missing = await server.Anonymous.GetAsync("/open311/v2/services/no-such-service.json");
        Assert.Contains("service_code", await Open311Client.ErrorsAsync(missing, HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task Filed_request_reaches_the_operators_queue_and_reads_back_by_id_and_token_without_contact_details()
    {
        var key = await Open311Client.IssueKeyAsync(server);
        using var posted = await Open311Client.PostAsync(server.Anonymous, "xml",
            Open311Client.Flooding(key, ("attribute[moving]", "yes"), ("media_url", "https://photos.example.org/flood.jpg")));
        await Expect.StatusAsync(posted, HttpStatusCode.Created);
        var answer = (await Open311Client.XmlAsync(posted)).Root!;
        Assert.Equal("service_requests", answer.Name.LocalName);
        var id = answer.Element("request")!.Element("service_request_id")!.Value;
        Assert.Matches("^R-[0-9A-Z]{5}-[0-9A-Z]{5}$", id);
        Assert.NotEmpty(answer.Element("request")!.Element("service_notice")!.Value);

        // The operator sees it in the report queue, contact details and the app's answers included.
        var operatorClient = await server.AsAsync(Domain.Accounts.Role.Operator);
        var queue = await operatorClient.GetFromJsonAsync<JsonArray>("/api/v1/reports?open=true");
        var queued = queue!.Single(r => r!["ticket"]!.GetValue<string>() == id)!;
        Assert.Equal("flooding", queued["category"]!.GetValue<string>());
        Assert.Equal("Received", queued["status"]!.GetValue<string>());
        Assert.True(queued["hasContact"]!.GetValue<bool>());
        var contact = await operatorClient.GetFromJsonAsync<JsonObject>($"/api/v1/reports/{id}/contact");
        Assert.Equal("Jo Bloggs", contact!["name"]!.GetValue<string>());
        Assert.Equal("jo@example.org", contact["email"]!.GetValue<string>());
        Assert.Equal("+44 20 7946 0000", contact["phone"]!.GetValue<string>());
        var description = queued["description"]!.GetValue<string>();
        Assert.Contains("How deep is the water?: Knee-deep", description, StringComparison.Ordinal);
        Assert.Contains("Media: https://photos.example.org/flood.jpg", description, StringComparison.Ordinal);

        using var read = await server.Anonymous.GetAsync($"/open311/v2/requests/{id}.json");
        await Expect.StatusAsync(read, HttpStatusCode.OK);
        var body = await read.Content.ReadAsStringAsync();
        Assert.DoesNotContain("jo@example.org", body, StringComparison.Ordinal);
        var request = JsonNode.Parse(body)!.AsArray().Single()!;
        Assert.Equal("open", request["status"]!.GetValue<string>());
        Assert.Equal(51.5007, request["lat"]!.GetValue<double>());
        Assert.Equal(-0.1246, request["long"]!.GetValue<double>());
        Assert.Equal("Flooding", request["service_name"]!.GetValue<string>());

        // Lowercase and spaced, as someone types it from a receipt.
        using var token = await server.Anonymous.GetAsync($"/open311/v2/tokens/{id.ToLowerInvariant()}.xml");
        var tokenDoc = await Open311Client.XmlAsync(token);
        Assert.Equal(id, tokenDoc.Root!.Element("request")!.Element("service_request_id")!.Value);

        // The operator resolves it; the app sees it closed with the note.
        using var resolve = await operatorClient.PostAsJsonAsync($"/api/v1/reports/{id}/status", new { status = "Resolved", note = "Drain cleared" });
        await Expect.StatusAsync(resolve, HttpStatusCode.OK);
        using var closed = await server.Anonymous.GetAsync($"/open311/v2/requests.xml?service_request_id={id}");
        var closedRequest = (await Open311Client.XmlAsync(closed)).Root!.Element("request")!;
        Assert.Equal("closed", closedRequest.Element("status")!.Value);
        Assert.Equal("Drain cleared", closedRequest.Element("status_notes")!.Value);
    }

    [Fact]
    public async Task Missing_unknown_or_revoked_api_key_is_refused_with_403_and_nothing_is_stored()
    {
        var before = await CountReportsAsync();
        using var none = await Open311Client.PostAsync(server.Anonymous, "json", Open311Client.Flooding("")[1..]);
        Assert.Contains("api_key", await Open311Client.ErrorsAsync(none, HttpStatusCode.Forbidden));
        using var unknown = await Open311Client.PostAsync(server.Anonymous, "json", Open311Client.Flooding("ok_not-a-key"));
        await Open311Client.ErrorsAsync(unknown, HttpStatusCode.Forbidden);

        var key = await Open311Client.IssueKeyAsync(server, "Revoked app");
        var admin = await server.AdminAsync();
        var keys = await admin.GetFromJsonAsync<JsonArray>("/api/v1/api-keys");
        var listed = keys!.Single(k => k!["name"]!.GetValue<string>() == "Revoked app")!;
        Assert.Null(listed["keyHash"]);
        Assert.Null(listed["apiKey"]);
        using var revoke = await admin.DeleteAsync($"/api/v1/api-keys/{listed["id"]!.GetValue<string>()}");
        await Expect.StatusAsync(revoke, HttpStatusCode.NoContent);
        using var again = await admin.DeleteAsync($"/api/v1/api-keys/{listed["id"]!.GetValue<string>()}");
        await Expect.ProblemAsync(again, HttpStatusCode.NotFound);

        using var revoked = await Open311Client.PostAsync(server.Anonymous, "json", Open311Client.Flooding(key));
        await Open311Client.ErrorsAsync(revoked, HttpStatusCode.Forbidden);
        Assert.Equal(before, await CountReportsAsync());
    }

    [Fact]
    public async Task Bad_fields_are_each_named_in_one_400_error_list_and_nothing_is_stored()
    {
        var key = await Open311Client.IssueKeyAsync(server);
        var before = await CountReportsAsync();
        using var response = await Open311Client.PostAsync(server.Anonymous, "json",
            ("api_key", key), ("service_code", "flooding"), ("lat", "91"), ("long", "-0.12"), ("email", "not-an-address"),
            ("attribute[colour]", "blue"), ("media_url", "file:///etc/passwd"), ("description", "line\u0007break"));
        var errors = await Open311Client.ErrorsAsync(response, HttpStatusCode.BadRequest);
        foreach (var field in new[] { "lat:", "email:", "attribute[colour]:", "attribute[depth]:", "media_url:", "description:" })
        {
            Assert.Contains(field, errors, StringComparison.Ordinal);
        }

        using var noLocation = await Open311Client.PostAsync(server.Anonymous, "json", ("api_key", key), ("service_code", "road-hazard"));
        Assert.Contains("lat/long", await Open311Client.ErrorsAsync(noLocation, HttpStatusCode.BadRequest));
        using var wrongValue = await Open311Client.PostAsync(server.Anonymous, "json", Open311Client.Flooding(key, ("attribute[moving]", "maybe")));
        Assert.Contains("attribute[moving]: must be one of yes, no", await Open311Client.ErrorsAsync(wrongValue, HttpStatusCode.BadRequest));
        using var unknownService = await Open311Client.PostAsync(server.Anonymous, "json", ("api_key", key), ("service_code", "ufo"), ("address_string", "Main St"));
        Assert.Contains("service_code", await Open311Client.ErrorsAsync(unknownService, HttpStatusCode.BadRequest));
        using var repeated = await Open311Client.PostAsync(server.Anonymous, "json", Open311Client.Flooding(key, ("lat", "51.6")));
        Assert.Contains("lat: is given more than once", await Open311Client.ErrorsAsync(repeated, HttpStatusCode.BadRequest));
        Assert.Equal(before, await CountReportsAsync());
    }

    [Fact]
    public async Task Other_jurisdiction_is_404_and_none_means_this_one()
    {
        var key = await Open311Client.IssueKeyAsync(server);
        using var other = await Open311Client.PostAsync(server.Anonymous, "json", [.. Open311Client.Flooding(key)[..1], ("jurisdiction_id", "elsewhere.gov"), .. Open311Client.Flooding(key)[2..]]);
        Assert.Contains("jurisdiction_id", await Open311Client.ErrorsAsync(other, HttpStatusCode.NotFound));
        using var otherRead = await server.Anonymous.GetAsync("/open311/v2/requests.json?jurisdiction_id=elsewhere.gov");
        await Open311Client.ErrorsAsync(otherRead, HttpStatusCode.NotFound);

        using var implicitOne = await Open311Client.PostAsync(server.Anonymous, "json", [.. Open311Client.Flooding(key)[..1], .. Open311Client.Flooding(key)[2..]]);
        await Expect.StatusAsync(implicitOne, HttpStatusCode.Created);
    }

    [Fact]
    public async Task Json_body_is_415_oversized_form_is_413_and_unknown_format_is_404()
    {
        using var json = await server.Anonymous.PostAsync("/open311/v2/requests.json", new StringContent("""{"service_code":"flooding"}""", Encoding.UTF8, "application/json"));
        Assert.Contains("Content-Type", await Open311Client.ErrorsAsync(json, HttpStatusCode.UnsupportedMediaType));

        var key = await Open311Client.IssueKeyAsync(server);
        using var huge = await Open311Client.PostAsync(server.Anonymous, "json", Open311Client.Flooding(key, ("attribute[padding]", new string('x', 100_000))));
        Assert.Contains("body", await Open311Client.ErrorsAsync(huge, HttpStatusCode.RequestEntityTooLarge));

        using var yaml = await server.Anonymous.GetAsync("/open311/v2/services.yaml");
        Assert.Contains("format", await Open311Client.ErrorsAsync(yaml, HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task Requests_filter_by_service_status_ids_and_dates_and_refuse_ranges_over_90_days()
    {
        var key = await Open311Client.IssueKeyAsync(server);
        var ids = new List<string>();
        foreach (var fields in new[]
        {
            Open311Client.Flooding(key),
            new[] { ("api_key", key), ("service_code", "road-hazard"), ("address_string", "Corner of Elm and 3rd"), ("attribute[hazard]", "pothole") },
            new[] { ("api_key", key), ("service_code", "noise"), ("lat", "51.5"), ("long", "-0.12"), ("description", "My neighbour at number 12 is loud") },
        })
        {
            using var posted = await Open311Client.PostAsync(server.Anonymous, "json", fields);
            await Expect.StatusAsync(posted, HttpStatusCode.Created);
            ids.Add((await Open311Client.JsonArrayAsync(posted))[0]!["service_request_id"]!.GetValue<string>());
        }

        using var byIds = await server.Anonymous.GetAsync($"/open311/v2/requests.json?service_request_id={ids[1]},{ids[2]}");
        var found = await Open311Client.JsonArrayAsync(byIds);
        Assert.Equal(new[] { ids[1], ids[2] }.Order(StringComparer.Ordinal), found.Select(r => r!["service_request_id"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var noise = found.Single(r => r!["service_code"]!.GetValue<string>() == "noise")!;
        Assert.Null(noise["description"]);
        Assert.Equal("Corner of Elm and 3rd", found.Single(r => r!["service_code"]!.GetValue<string>() == "road-hazard")!["address"]!.GetValue<string>());

        using var roads = await server.Anonymous.GetAsync("/open311/v2/requests.json?service_code=road-hazard&status=open");
        var roadIds = (await Open311Client.JsonArrayAsync(roads)).Select(r => r!["service_request_id"]!.GetValue<string>()).ToList();
        Assert.Contains(ids[1], roadIds);
        Assert.DoesNotContain(ids[0], roadIds);

        using var closedOnly = await server.Anonymous.GetAsync("/open311/v2/requests.json?status=closed");
        Assert.DoesNotContain(ids[0], (await Open311Client.JsonArrayAsync(closedOnly)).Select(r => r!["service_request_id"]!.GetValue<string>()));

        var today = DateTimeOffset.UtcNow;
        using var window = await server.Anonymous.GetAsync($"/open311/v2/requests.xml?start_date={Uri.EscapeDataString(today.AddDays(-1).ToString("O"))}&end_date={Uri.EscapeDataString(today.AddDays(1).ToString("O"))}");
        var windowIds = (await Open311Client.XmlAsync(window)).Root!.Elements("request").Select(r => r.Element("service_request_id")!.Value).ToList();
        Assert.Contains(ids[0], windowIds);
        using var past = await server.Anonymous.GetAsync("/open311/v2/requests.json?start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z");
        Assert.Empty(await Open311Client.JsonArrayAsync(past));

        using var tooLong = await server.Anonymous.GetAsync("/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-04-02T00:00:00Z");
        Assert.Contains("90 days", await Open311Client.ErrorsAsync(tooLong, HttpStatusCode.BadRequest));
        using var badDate = await server.Anonymous.GetAsync("/open311/v2/requests.json?start_date=yesterday");
        Assert.Contains("start_date", await Open311Client.ErrorsAsync(badDate, HttpStatusCode.BadRequest));
        using var badStatus = await server.Anonymous.GetAsync("/open311/v2/requests.json?status=pending");
        Assert.Contains("status", await Open311Client.ErrorsAsync(badStatus, HttpStatusCode.BadRequest));
        using var badId = await server.Anonymous.GetAsync("/open311/v2/requests.json?service_request_id=42");
        Assert.Contains("service_request_id", await Open311Client.ErrorsAsync(badId, HttpStatusCode.BadRequest));
        using var missing = await server.Anonymous.GetAsync("/open311/v2/requests/R-00000-00000.json");
        await Open311Client.ErrorsAsync(missing, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Portal_report_with_characters_xml_cannot_carry_still_reads_as_well_formed_xml()
    {
        using var filed = await server.Anonymous.PostAsJsonAsync("/api/v1/public/reports", new
        {
            category = "water-leak", description = "Leak\u0001 by the \uD83D\uDCA7 hydrant\uFFFE", locationText = "Mill Lane",
        });
        await Expect.StatusAsync(filed, HttpStatusCode.Created);
        var ticket = (await filed.Content.ReadFromJsonAsync<JsonObject>())!["ticket"]!.GetValue<string>();

        using var read = await server.Anonymous.GetAsync($"/open311/v2/requests/{ticket}.xml");
        await Expect.StatusAsync(read, HttpStatusCode.OK);
        var description = (await Open311Client.XmlAsync(read)).Root!.Element("request")!.Element("description")!.Value;
        Assert.Equal("Leak\uFFFD by the \uD83D\uDCA7 hydrant\uFFFD", description);
    }

    [Fact]
    public async Task OpenApi_document_lists_the_open311_endpoints()
    {
        var document = await server.Anonymous.GetFromJsonAsync<JsonObject>("/openapi/v1.json");
        var paths = document!["paths"]!.AsObject().Select(p => p.Key).ToList();
        foreach (var path in new[]
        {
            "/open311/v2/services.{format}", "/open311/v2/services/{code}.{format}", "/open311/v2/requests.{format}",
            "/open311/v2/requests/{id}.{format}", "/open311/v2/tokens/{id}.{format}", "/api/v1/api-keys",
        })
        {
            Assert.Contains(path, paths);
        }
    }

    private async Task<int> CountReportsAsync()
    {
        var admin = await server.AdminAsync();
        return (await admin.GetFromJsonAsync<JsonArray>("/api/v1/reports?limit=1000"))!.Count;
    }
}
