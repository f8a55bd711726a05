using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Vigil.Server.Tests.Infrastructure;

namespace Vigil.Server.Tests.Open311;

/// <summary>What a third-party city app does: form posts and .json/.xml reads under /open311/v2, with a key an administrator issued.</summary>
internal static class Open311Client
{
    public const string Jurisdiction = "vigil.city";

    public static async Task<string> IssueKeyAsync(VigilServer server, string name = "Test app")
    {
        var admin = await server.AdminAsync();
        using var response = await admin.PostAsJsonAsync("/api/v1/api-keys", new { name });
        await Expect.StatusAsync(response, System.Net.HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["apiKey"]!.GetValue<string>();
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string format, params (string Key, string Value)[] fields) =>
        client.PostAsync($"/open311/v2/requests.{format}", new FormUrlEncodedContent(Array.ConvertAll(fields, f => new KeyValuePair<string, string>(f.Key, f.Value))));

    /// <summary>A flooding report as an app files it, with the required depth answer.</summary>
    public static (string, string)[] Flooding(string apiKey, params (string, string)[] extra) =>
    [
        ("api_key", apiKey), ("jurisdiction_id", Jurisdiction), ("service_code", "flooding"), ("lat", "51.5007"), ("long", "-0.1246"),
        ("description", "Water over the kerb by the bus stop"), ("attribute[depth]", "knee"), ("email", "jo@example.org"),
        ("first_name", "Jo"), ("last_name", "Bloggs"), ("phone", "+44 20 7946 0000"), .. extra,
    ];

    public static async Task<JsonArray> JsonArrayAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();

    public static async Task<XDocument> XmlAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        return XDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Asserts the spec's error list (JSON) with the status, and returns the descriptions joined.</summary>
    public static async Task<string> ErrorsAsync(HttpResponseMessage response, System.Net.HttpStatusCode status)
    {
        await Expect.StatusAsync(response, status);
        var errors = await JsonArrayAsync(response);
        Assert.NotEmpty(errors);
        var descriptions = new List<string>();
        foreach (var error in errors)
        {
            Assert.Equal((int)status, error!["code"]!.GetValue<int>());
            descriptions.Add(error["description"]!.GetValue<string>());
        }

        return string.Join(" | ", descriptions);
    }
}
