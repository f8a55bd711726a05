namespace Vigil.Server.Tests.Infrastructure;

/// <summary>
/// A fact that needs PostgreSQL, a RabbitMQ broker whose MQTT plugin authenticates devices against Vigil on a known
/// port (VIGIL_TEST_RABBITMQ_MQTT_PORT, VIGIL_TEST_RABBITMQ_AUTH_PORT, as .ci/setup.d/rabbitmq.sh starts it), and
/// mosquitto_pub; skipped, with the reason, without them.
/// </summary>
public sealed class MqttFactAttribute : FactAttribute
{
    public MqttFactAttribute()
    {
        if (new ScaleOutFactAttribute().Skip is { } skip)
        {
            Skip = skip;
        }
        else if (MqttPort is null || AuthPort is null)
        {
            Skip = "VIGIL_TEST_RABBITMQ_MQTT_PORT or VIGIL_TEST_RABBITMQ_AUTH_PORT is not set: .ci/setup.d/rabbitmq.sh starts the broker with MQTT authenticated against Vigil.";
        }
        else if (MosquittoPub is null)
        {
            Skip = "mosquitto_pub is not installed (Debian mosquitto-clients; .ci/setup.d/rabbitmq.sh installs it).";
        }
    }

    public static int? MqttPort => int.TryParse(Environment.GetEnvironmentVariable("VIGIL_TEST_RABBITMQ_MQTT_PORT"), out var port) ? port : null;

    /// <summary>The loopback port the broker asks for device authentication; the test's Vigil node listens on it.</summary>
    public static int? AuthPort => int.TryParse(Environment.GetEnvironmentVariable("VIGIL_TEST_RABBITMQ_AUTH_PORT"), out var port) ? port : null;

    public static string? MosquittoPub
    {
        get
        {
            foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':'))
            {
                var path = Path.Combine(dir, "mosquitto_pub");
                if (dir.Length > 0 && File.Exists(path))
                {
                    return path;
                }
            }

            return null;
        }
    }
}
