using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Domain.Accounts;
using Vigil.Domain.Devices;
using Vigil.Server.Tests.Infrastructure;

namespace Vigil.Server.Tests;

/// <summary>Bad batches get a 4xx problem that names the field, and nothing of them is stored.</summary>
public sealed class IngestValidationTests(VigilServer server) : IClassFixture<VigilServer>
{
    private static readonly string[] Quantities = ["pm25", "no2"];

    public static TheoryData<string, string, string> BadBatches() => new()
    {
        { "malformed JSON", """{"batchId":"b","observations":[{"quantity":"pm25","time":"@T","value":1""", "$" },
        { "bare NaN token", """{"batchId":"b","observations":[{"quantity":"pm25","time":"@T","value":NaN}]}""", "$" },
        { "body is an array", """[{"quantity":"pm25","time":"@T","value":1}]""", "$" },
        { "NaN as a string", """{"batchId":"b","observations":[{"quantity":"pm25","time":"@T","value":"NaN"}]}""", "observations[0].value" },
        { "Infinity as a string", """{"batchId":"b","observations":[{"quantity":"pm25","time":"@T","value":"Infinity"}]}""", "observations[0].value" },
        { "number overflowing to infinity", """{"batchId":"b","observations":[{"quantity":"pm25","time":"@T","value":1e999}]}""", "observations[0].value" },
        { "negative overflow", """{"batchId":"b","observations":[{"quantity":"pm25","time":"@T","value":-1e999}]}""", "observations[0].value" },
        { "value as a string", """{"batchId":"b","observations":[{"quantity":"pm25","time":"@T","value":"12.5"}]}""", "observations[0].value" },
        { "value as an object", """{"batchId":"b","observations":[{"quantity":"pm25","time":"@T","value":{"v":1}}]}""", "observations[0].value" },
        { "value missing", """{"batchId":"b","observations":[{"quantity":"pm25","time":"@T"}]}""", "observations[0].value" },
        { "quantity as a number", """{"batchId":"b","observations":[{"quantity":25,"time":"@T","value":1}]}""", "observations[0].quantity" },
        { "unknown quantity", """{"batchId":"b","observations":[{"quantity":"pm10","time":"@T","value":1}]}""", "observations[0].quantity" },
        { "time as a number", """{"batchId":"b","observations":[{"quantity":"pm25","time":1795000000,"value":1}]}""", "observations[0].time" },
        { "time not a date", """{"batchId":"b","observations":[{"quantity":"pm25","time":"yesterday","value":1}]}""", "observations[0].time" },
        { "time six minutes ahead", """{"batchId":"b","observations":[{"quantity":"pm25","time":"@FUTURE","value":1}]}""", "observations[0].time" },
        { "time older than the window", """{"batchId":"b","observations":[{"quantity":"pm25","time":"@OLD","value":1}]}""", "observations[0].time" },
        { "observation not an object", """{"batchId":"b","observations":[3]}""", "observations[0]" },
        { "observations not an array", """{"batchId":"b","observations":{"quantity":"pm25"}}""", "observations" },
        { "no observations", """{"batchId":"b","observations":[]}""", "observations" },
        { "batch id missing", """{"observations":[{"quantity":"pm25","time":"@T","value":1}]}""", "batchId" },
        { "batch id a number", """{"batchId":7,"observations":[{"quantity":"pm25","time":"@T","value":1}]}""", "batchId" },
        { "batch id with spaces", """{"batchId":"a b","observations":[{"quantity":"pm25","time":"@T","value":1}]}""", "batchId" },
        {
            "one bad among good ones",
            """{"batchId":"b","observations":[{"quantity":"pm25","time":"@T","value":1},{"quantity":"no2","time":"@T","value":"x"},{"quantity":"no2","time":"@T","value":3}]}""",
            "observations[1].value"
        },
    };

    [Theory]
    [MemberData(nameof(BadBatches))]
    public async Task Bad_batch_is_refused_naming_the_field_and_stores_nothing(string what, string template, string field)
    {
        var device = await server.RegisterDeviceAsync(DeviceKind.AirQuality, Quantities);
        var now = DateTimeOffset.UtcNow;
        var json = template
            .Replace("@T", Iso(now.AddSeconds(-10)), StringComparison.Ordinal)
            .Replace("@FUTURE", Iso(now.AddMinutes(6)), StringComparison.Ordinal)
            .Replace("@OLD", Iso(now.AddDays(-8)), StringComparison.Ordinal);

        using var response = await device.PostRawAsync(json);

        var messages = await Expect.FieldProblemAsync(response, field);
        Assert.False(string.IsNullOrWhiteSpace(messages), what);
        await AssertStoredAsync(device, 0);
    }

    [Fact]
    public async Task Time_within_the_allowed_skew_is_accepted()
    {
        var device = await server.RegisterDeviceAsync(DeviceKind.AirQuality, Quantities);
        var now = DateTimeOffset.UtcNow;

        using var response = await device.PostAsync("skew", ("pm25", now.AddMinutes(4), 10), ("pm25", now.AddDays(-6), 11));

        await Expect.StatusAsync(response, HttpStatusCode.Accepted);
        await AssertStoredAsync(device, 2);
    }

    [Fact]
    public async Task Same_batch_id_twice_is_accepted_once_and_stored_once()
    {
        var device = await server.RegisterDeviceAsync(DeviceKind.AirQuality, Quantities);
        var t = DateTimeOffset.UtcNow.AddSeconds(-30);
        (string, DateTimeOffset, double)[] batch = [("pm25", t, 10), ("no2", t, 20), ("pm25", t.AddSeconds(1), 11)];

        using var first = await device.PostAsync("retry-me", batch);
        using var second = await device.PostAsync("retry-me", batch);

        await Expect.StatusAsync(first, HttpStatusCode.Accepted);
        await Expect.StatusAsync(second, HttpStatusCode.Accepted);
        Assert.False((await first.Content.ReadFromJsonAsync<JsonObject>())!["duplicate"]!.GetValue<bool>());
        Assert.True((await second.Content.ReadFromJsonAsync<JsonObject>())!["duplicate"]!.GetValue<bool>());
        await AssertStoredAsync(device, 3);

        // Batch ids belong to a device: another device may use the same id.
        var other = await server.RegisterDeviceAsync(DeviceKind.AirQuality, Quantities);
        using var third = await other.PostAsync("retry-me", batch);
        Assert.False((await third.Content.ReadFromJsonAsync<JsonObject>())!["duplicate"]!.GetValue<bool>());
        await AssertStoredAsync(other, 3);
    }

    [Fact]
    public async Task Batch_of_ten_thousand_is_accepted_and_one_more_is_refused()
    {
        var device = await server.RegisterDeviceAsync(DeviceKind.AirQuality, Quantities);
        var start = DateTimeOffset.UtcNow.AddHours(-2);

        using var tooMany = await device.PostRawAsync(Batch("big", start, 10_001));
        var messages = await Expect.FieldProblemAsync(tooMany, "observations");
        Assert.Contains("10000", messages, StringComparison.Ordinal);
        await AssertStoredAsync(device, 0);

        using var full = await device.PostRawAsync(Batch("big", start, 10_000));
        await Expect.StatusAsync(full, HttpStatusCode.Accepted);
        await AssertStoredAsync(device, 10_000);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Body_over_four_mebibytes_is_refused_with_413_and_stores_nothing(bool declaredLength)
    {
        var device = await server.RegisterDeviceAsync(DeviceKind.AirQuality, Quantities);

        // Valid observations padded with an ignored property, so that only the size is wrong.
        var t = Iso(DateTimeOffset.UtcNow.AddMinutes(-1));
        var padding = new string('x', 1000);
        var json = new StringBuilder("""{"batchId":"huge","observations":[""");
        for (var i = 0; json.Length <= (4 * 1024 * 1024) + 1000; i++)
        {
            json.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $$"""{"quantity":"pm25","time":"{{t}}","value":{{i}},"note":"{{padding}}"}""");
        }

        json.Append("]}");
        var bytes = Encoding.UTF8.GetBytes(json.ToString());
        HttpContent content = declaredLength ? new ByteArrayContent(bytes) : new StreamContent(new UnknownLengthStream(bytes));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        using var response = await device.Client.PostAsync("/api/v1/observations", content);

        await Expect.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        await AssertStoredAsync(device, 0);
    }

    [Fact]
    public async Task Body_that_is_not_json_is_refused_with_415()
    {
        var device = await server.RegisterDeviceAsync(DeviceKind.AirQuality, Quantities);

        using var response = await device.Client.PostAsync("/api/v1/observations", new StringContent("pm25=1", Encoding.UTF8, "text/plain"));

        await Expect.ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        await AssertStoredAsync(device, 0);
    }

    [Theory]
    [InlineData("no key")]
    [InlineData("unknown key")]
    [InlineData("another device's key, altered")]
    public async Task Post_without_a_valid_device_key_is_refused_with_401(string what)
    {
        var device = await server.RegisterDeviceAsync(DeviceKind.AirQuality, Quantities);
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        var key = what switch
        {
            "no key" => null,
            "unknown key" => "vk_" + Guid.NewGuid().ToString("n"),
            _ => device.ApiKey[..^1] + (device.ApiKey[^1] == 'a' ? 'b' : 'a'),
        };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        using var response = await client.PostAsync("/api/v1/observations", new StringContent(Batch("k", DateTimeOffset.UtcNow.AddMinutes(-1), 1), Encoding.UTF8, "application/json"));

        await Expect.ProblemAsync(response, HttpStatusCode.Unauthorized);
        await AssertStoredAsync(device, 0);
    }

    [Fact]
    public async Task Key_stops_working_when_rotated_and_when_the_device_is_removed()
    {
        var device = await server.RegisterDeviceAsync(DeviceKind.AirQuality, Quantities);
        var admin = await server.AdminAsync();
        var t = DateTimeOffset.UtcNow.AddMinutes(-1);

        using var rotate = await admin.PostAsync($"/api/v1/devices/{device.Id}/rotate-key", null);
        await Expect.StatusAsync(rotate, HttpStatusCode.OK);
        var newKey = (await rotate.Content.ReadFromJsonAsync<JsonObject>())!["apiKey"]!.GetValue<string>();
        Assert.NotEqual(device.ApiKey, newKey);

        using var old = await device.PostAsync("old-key", ("pm25", t, 1));
        await Expect.ProblemAsync(old, HttpStatusCode.Unauthorized);

        using var rotated = new HttpClient { BaseAddress = server.BaseAddress };
        rotated.DefaultRequestHeaders.Add("X-Api-Key", newKey);
        using var fresh = await rotated.PostAsJsonAsync("/api/v1/observations", new { batchId = "new-key", observations = new[] { new { quantity = "pm25", time = t, value = 2.0 } } });
        await Expect.StatusAsync(fresh, HttpStatusCode.Accepted);
        await AssertStoredAsync(device, 1);

        using var delete = await admin.DeleteAsync($"/api/v1/devices/{device.Id}");
        await Expect.StatusAsync(delete, HttpStatusCode.NoContent);
        using var gone = await rotated.PostAsJsonAsync("/api/v1/observations", new { batchId = "after-delete", observations = new[] { new { quantity = "pm25", time = t, value = 3.0 } } });
        await Expect.ProblemAsync(gone, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Device_registered_after_a_removal_inherits_none_of_the_removed_devices_data()
    {
        var admin = await server.AdminAsync();
        var viewer = await server.AsAsync(Role.Analyst);
        var removed = await server.RegisterDeviceAsync(DeviceKind.AirQuality, Quantities);
        var t = DateTimeOffset.UtcNow.AddMinutes(-1);
        using (var post = await removed.PostAsync("shared-id", ("pm25", t, 1), ("pm25", t.AddSeconds(1), 2)))
        {
            await Expect.StatusAsync(post, HttpStatusCode.Accepted);
        }

        using (var delete = await admin.DeleteAsync($"/api/v1/devices/{removed.Id}"))
        {
            await Expect.StatusAsync(delete, HttpStatusCode.NoContent);
        }

        // The newest device was removed, so a naive "largest id + 1" would hand its internal number to the next one.
        var next = await server.RegisterDeviceAsync(DeviceKind.AirQuality, Quantities);
        Assert.Empty(await TestDevice.StoredAsync(viewer, next.Id));
        using var first = await next.PostAsync("shared-id", ("pm25", t, 5));
        await Expect.StatusAsync(first, HttpStatusCode.Accepted);
        Assert.False((await first.Content.ReadFromJsonAsync<JsonObject>())!["duplicate"]!.GetValue<bool>());
        await AssertStoredAsync(next, 1);
    }

    [Fact]
    public async Task Device_registration_with_bad_fields_names_each_field()
    {
        var admin = await server.AdminAsync();

        using var response = await admin.PostAsync("/api/v1/devices", new StringContent(
            """{"id":"bad id!","name":"","kind":"AirQuality","location":{"lat":95,"lon":0},"agencyId":"city","quantities":[{"name":"pm25","unit":"ug/m3"},{"name":"pm25","unit":"ug/m3"}]}""",
            Encoding.UTF8, "application/json"));

        var problem = await Expect.ProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem["errors"]!.AsObject();
        foreach (var field in new[] { "id", "name", "location", "quantities[1].name" })
        {
            Assert.True(errors.ContainsKey(field), $"no error for {field}: {problem.ToJsonString()}");
        }
    }

    [Fact]
    public async Task Observation_query_with_bad_parameters_names_the_field()
    {
        var device = await server.SharedDeviceAsync();
        var viewer = await server.AsAsync(Role.Analyst);

        using var noDevice = await viewer.GetAsync("/api/v1/observations");
        await Expect.FieldProblemAsync(noDevice, "device");
        using var badQuantity = await viewer.GetAsync($"/api/v1/observations?device={device.Id}&quantity=pm10");
        await Expect.FieldProblemAsync(badQuantity, "quantity");
        using var inverted = await viewer.GetAsync($"/api/v1/observations?device={device.Id}&from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z");
        await Expect.FieldProblemAsync(inverted, "from");
        using var badLimit = await viewer.GetAsync($"/api/v1/observations?device={device.Id}&limit=0");
        await Expect.FieldProblemAsync(badLimit, "limit");
    }

    private async Task AssertStoredAsync(TestDevice device, int expected)
    {
        var viewer = await server.AsAsync(Role.Analyst);
        var stored = await TestDevice.StoredAsync(viewer, device.Id);
        Assert.Equal(expected, stored.Count);
    }

    private static string Iso(DateTimeOffset t) => t.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static string Batch(string batchId, DateTimeOffset start, int count)
    {
        var json = new StringBuilder(count * 64).Append(CultureInfo.InvariantCulture, $$"""{"batchId":"{{batchId}}","observations":[""");
        for (var i = 0; i < count; i++)
        {
            json.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $$"""{"quantity":"pm25","time":"{{Iso(start.AddMilliseconds(i))}}","value":{{i % 50}}}""");
        }

        return json.Append("]}").ToString();
    }

    /// <summary>A body sent chunked, so the server cannot refuse it by its declared length and must count.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
