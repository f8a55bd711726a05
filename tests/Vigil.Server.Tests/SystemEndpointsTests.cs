using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Vigil.Domain.Devices;
using Vigil.Server.Tests.Infrastructure;

namespace Vigil.Server.Tests;

/// <summary>Probes, the metrics scrape and the API document, all reachable without credentials.</summary>
public sealed class SystemEndpointsTests(VigilServer server) : IClassFixture<VigilServer>
{
    [Fact]
    public async Task Liveness_and_readiness_probes_answer_ok()
    {
        using var live = await server.Anonymous.GetAsync("/health/live");
        await Expect.StatusAsync(live, HttpStatusCode.OK);
        Assert.Equal("live", (await live.Content.ReadFromJsonAsync<JsonObject>())!["state"]!.GetValue<string>());

        var ready = await Expect.EventuallyAsync(
            async () =>
            {
                using var response = await server.Anonymous.GetAsync("/health/ready");
                return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonObject>() : null;
            },
            "readiness");
        Assert.Equal("ready", ready["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Metrics_are_prometheus_text_and_count_ingested_observations()
    {
        var device = await server.RegisterDeviceAsync(DeviceKind.AirQuality, ["pm25"]);
        var t = DateTimeOffset.UtcNow.AddMinutes(-1);
        using (var post = await device.PostAsync("m1", ("pm25", t, 5), ("pm25", t.AddSeconds(1), 6), ("pm25", t.AddSeconds(2), 7)))
        {
            await Expect.StatusAsync(post, HttpStatusCode.Accepted);
        }

        using var response = await server.Anonymous.GetAsync("/metrics");
        await Expect.StatusAsync(response, HttpStatusCode.OK);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith("vigil_ingest_observations_total", StringComparison.Ordinal));
        Assert.True(line is not null, "no vigil_ingest_observations_total in:\n" + text);
        var value = double.Parse(line.Split(' ')[^1], CultureInfo.InvariantCulture);
        Assert.True(value >= 3, line);
    }

    [Fact]
    public async Task OpenApi_document_describes_the_api_including_the_ingest_body()
    {
        using var response = await server.Anonymous.GetAsync("/openapi/v1.json");
        await Expect.StatusAsync(response, HttpStatusCode.OK);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

        Assert.StartsWith("3.", document["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        var paths = document["paths"]!.AsObject();
        foreach (var path in new[] { "/api/v1/observations", "/api/v1/alarms", "/api/v1/incidents", "/api/v1/incidents/{id}/transition", "/api/v1/units/{id}", "/api/v1/stream" })
        {
            Assert.True(paths.ContainsKey(path), $"{path} is missing from the API document");
        }

        var ingest = paths["/api/v1/observations"]!["post"]!;
        Assert.NotNull(ingest["requestBody"]?["content"]?["application/json"]?["schema"]);
        Assert.NotNull(ingest["responses"]?["202"]);
    }
}
