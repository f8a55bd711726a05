using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Vigil.Platform.Ingest;

namespace Vigil.Server.Apis;

/// <summary>
/// The four questions RabbitMQ's <c>rabbitmq_auth_backend_http</c> asks about an MQTT client, answered from the device
/// registry, so that a device has one key for HTTP and MQTT. The username is the device id and the password its API
/// key; a device may only write to <c>amq.topic</c>, and only under its own topic
/// <c>vigil/devices/{id}/observations</c>. Vigil's own AMQP account is checked by the broker's internal database
/// first and never reaches these endpoints.
/// </summary>
public static class BrokerAuthApi
{
    private const string Allow = "allow";
    private const string Deny = "deny";

    public static RouteGroupBuilder MapBrokerAuthApi(this IEndpointRouteBuilder app)
    {
        // Anonymous because the broker calls them without credentials of its own: /user checks the device's key
        // itself, and the other three only ever allow a registered device to write to its own topic.
        var group = app.MapGroup("/api/v1/broker/auth").WithTags("Broker").AllowAnonymous().ExcludeFromDescription();
        group.MapPost("/user", UserAsync);
        group.MapPost("/vhost", VhostAsync);
        group.MapPost("/resource", ResourceAsync);
        group.MapPost("/topic", TopicAsync);
        return group;
    }

    /// <summary>The routing key a device's MQTT topic becomes on amq.topic (MQTT '/' is AMQP '.').</summary>
    public static string TopicOf(string deviceId) => $"vigil.devices.{deviceId}.observations";

    private static async Task<IResult> UserAsync(HttpRequest request, DeviceRegistry devices)
    {
        var form = await ReadAsync(request).ConfigureAwait(false);
        var username = form.GetValueOrDefault("username") ?? string.Empty;
        var password = form.GetValueOrDefault("password") ?? string.Empty;
        var device = devices.FindByKey(password);

        // The lookup is by key hash; comparing the id afterwards in constant time keeps a wrong id from being timed.
        var allowed = device is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(device.Device.Id), Encoding.UTF8.GetBytes(username));
        return Answer(allowed);
    }

    private static async Task<IResult> VhostAsync(HttpRequest request, DeviceRegistry devices)
    {
        var form = await ReadAsync(request).ConfigureAwait(false);
        return Answer(IsDevice(form, devices));
    }

    private static async Task<IResult> ResourceAsync(HttpRequest request, DeviceRegistry devices)
    {
        var form = await ReadAsync(request).ConfigureAwait(false);
        return Answer(IsDevice(form, devices)
            && form.GetValueOrDefault("resource") == "exchange"
            && form.GetValueOrDefault("name") == "amq.topic"
            && form.GetValueOrDefault("permission") == "write");
    }

    private static async Task<IResult> TopicAsync(HttpRequest request, DeviceRegistry devices)
    {
        var form = await ReadAsync(request).ConfigureAwait(false);
        return Answer(IsDevice(form, devices)
            && form.GetValueOrDefault("name") == "amq.topic"
            && form.GetValueOrDefault("permission") == "write"
            && form.GetValueOrDefault("routing_key") == TopicOf(form["username"]));
    }

    private static bool IsDevice(Dictionary<string, string> form, DeviceRegistry devices) =>
        form.GetValueOrDefault("username") is { Length: > 0 } username && devices.Find(username) is not null;

    /// <summary>The broker posts form fields (or sends a query string with GET-style settings); both are read.</summary>
    private static async Task<Dictionary<string, string>> ReadAsync(HttpRequest request)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in request.Query)
        {
            fields[key] = value.ToString();
        }

        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
            foreach (var (key, value) in form)
            {
                fields[key] = value.ToString();
            }
        }

        return fields;
    }

    private static IResult Answer(bool allowed) => TypedResults.Text(allowed ? Allow : Deny, "text/plain");
}
