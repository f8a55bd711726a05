using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Vigil.Domain.Geo;

namespace Vigil.Server.Tests.Infrastructure;

/// <summary>A registered device and a client that sends its API key.</summary>
public sealed record TestDevice(string Id, string ApiKey, GeoPoint Location, HttpClient Client)
{
    public Task<HttpResponseMessage> PostAsync(string batchId, params (string Quantity, DateTimeOffset Time, double Value)[] observations) =>
        Client.PostAsJsonAsync("/api/v1/observations", new
        {
            batchId,
            observations = Array.ConvertAll(observations, o => new { quantity = o.Quantity, time = o.Time, value = o.Value }),
        });

    public Task<HttpResponseMessage> PostRawAsync(string json) =>
        Client.PostAsync("/api/v1/observations", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    /// <summary>Every stored observation of this device in the last eight days, read through the query API.</summary>
    public static async Task<JsonArray> StoredAsync(HttpClient viewer, string deviceId)
    {
        var now = DateTimeOffset.UtcNow;
        var url = $"/api/v1/observations?device={deviceId}&from={Uri.EscapeDataString(now.AddDays(-8).ToString("O"))}" +
                  $"&to={Uri.EscapeDataString(now.AddDays(1).ToString("O"))}&limit=100000";
        using var response = await viewer.GetAsync(url);
        await Expect.StatusAsync(response, System.Net.HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["observations"]!.AsArray();
    }
}
