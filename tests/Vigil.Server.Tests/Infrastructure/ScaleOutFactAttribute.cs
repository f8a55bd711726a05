namespace Vigil.Server.Tests.Infrastructure;

/// <summary>
/// A fact that needs PostgreSQL (VIGIL_TEST_POSTGRES) and a RabbitMQ broker (VIGIL_TEST_RABBITMQ, an amqp:// URI);
/// skipped, with the reason, without them.
/// </summary>
public sealed class ScaleOutFactAttribute : FactAttribute
{
    public const string Variable = "VIGIL_TEST_RABBITMQ";

    public ScaleOutFactAttribute()
    {
        if (PostgresFactAttribute.ConnectionString is null)
        {
            Skip = PostgresFactAttribute.SkipReason;
        }
        else if (Amqp is null)
        {
            Skip = $"{Variable} is not set: start RabbitMQ 3.10 with .ci/setup.d/rabbitmq.sh (sourced by ./test.sh) or scripts/rabbitmq-node.sh to run the scale-out tests.";
        }
    }

    public static string? Amqp => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;
}
