using Vigil.Domain.Devices;
using Vigil.Server.Tests.Infrastructure;

namespace Vigil.Server.Tests;

/// <summary>
/// The answers RabbitMQ's HTTP auth backend gets for MQTT clients: a device's own id and key, and only its own topic.
/// The broker posts form fields and reads "allow" or "deny" from the body.
/// </summary>
public sealed class BrokerAuthApiTests(VigilServer server) : IClassFixture<VigilServer>
{
    [Fact]
    public async Task User_is_allowed_only_with_its_own_key()
    {
        var device = await server.RegisterDeviceAsync(DeviceKind.Acoustic, ["impulse_db"]);
        var other = await server.RegisterDeviceAsync(DeviceKind.Acoustic, ["impulse_db"]);

        Assert.Equal("allow", await AskAsync("user", ("username", device.Id), ("password", device.ApiKey)));
        Assert.Equal("deny", await AskAsync("user", ("username", device.Id), ("password", device.ApiKey + "x")));
        Assert.Equal("deny", await AskAsync("user", ("username", device.Id), ("password", other.ApiKey)));
        Assert.Equal("deny", await AskAsync("user", ("username", "guest"), ("password", "guest")));
    }

    [Fact]
    public async Task A_device_may_write_only_to_its_own_topic_on_amq_topic()
    {
        var device = await server.RegisterDeviceAsync(DeviceKind.Acoustic, ["impulse_db"]);
        var other = await server.RegisterDeviceAsync(DeviceKind.Acoustic, ["impulse_db"]);

        Assert.Equal("allow", await AskAsync("vhost", ("username", device.Id), ("vhost", "/")));
        Assert.Equal("deny", await AskAsync("vhost", ("username", "no-such-device"), ("vhost", "/")));
        Assert.Equal("allow", await AskAsync("resource", ("username", device.Id), ("vhost", "/"), ("resource", "exchange"), ("name", "amq.topic"), ("permission", "write")));
        Assert.Equal("deny", await AskAsync("resource", ("username", device.Id), ("vhost", "/"), ("resource", "queue"), ("name", "vigil.desk"), ("permission", "read")));
        Assert.Equal("deny", await AskAsync("resource", ("username", device.Id), ("vhost", "/"), ("resource", "exchange"), ("name", "vigil.observations"), ("permission", "write")));
        Assert.Equal("allow", await AskAsync("topic", ("username", device.Id), ("vhost", "/"), ("resource", "topic"), ("name", "amq.topic"), ("permission", "write"), ("routing_key", $"vigil.devices.{device.Id}.observations")));
        Assert.Equal("deny", await AskAsync("topic", ("username", device.Id), ("vhost", "/"), ("resource", "topic"), ("name", "amq.topic"), ("permission", "write"), ("routing_key", $"vigil.devices.{other.Id}.observations")));
        Assert.Equal("deny", await AskAsync("topic", ("username", device.Id), ("vhost", "/"), ("resource", "topic"), ("name", "amq.topic"), ("permission", "read"), ("routing_key", $"vigil.devices.{device.Id}.observations")));
    }

    private async Task<string> AskAsync(string what, params (string Key, string Value)[] fields)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in fields)
        {
            pairs.Add(new(key, value));
        }

        using var content = new FormUrlEncodedContent(pairs);
        using var response = await server.Anonymous.PostAsync($"/api/v1/broker/auth/{what}", content);
        await Expect.StatusAsync(response, System.Net.HttpStatusCode.OK);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }
}
