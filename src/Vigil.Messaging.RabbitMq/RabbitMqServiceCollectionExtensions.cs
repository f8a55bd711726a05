using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Vigil.Platform.Configuration;
using Vigil.Platform.Operations;
using Vigil.Platform.Ports;

namespace Vigil.Messaging.RabbitMq;

public static class RabbitMqServiceCollectionExtensions
{
    /// <summary>
    /// Several nodes over one RabbitMQ cluster: replaces the in-process observation bus, alarm-signal path, live feed and
    /// desk-command path, and makes the operations desk a lease that one node holds at a time. Call after the core services are added.
    /// </summary>
    public static IServiceCollection AddRabbitMqBus(this IServiceCollection services, string amqp)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(amqp);
        services.AddOptions<RabbitMqOptions>()
            .BindConfiguration(RabbitMqOptions.Section)
            .Configure(o => o.Amqp = amqp)
            .Validate(o => Validator.TryValidateObject(o, new ValidationContext(o), null, validateAllProperties: true), "Vigil:Bus has a value out of range (see RabbitMqOptions).")
            .ValidateOnStart();
        services.AddSingleton(new DeskLease(held: false));

        // Partitions move between nodes, and each device's rule state moves with its partition.
        services.PostConfigure<PipelineOptions>(o => o.SharedPartitions = true);
        services.AddSingleton<RabbitMqConnection>();
        services.AddSingleton<RabbitMqControl>();
        services.AddSingleton<RabbitMqObservationBus>();
        services.AddSingleton<RabbitMqLiveFeed>();
        services.AddSingleton<IObservationBus>(sp => sp.GetRequiredService<RabbitMqObservationBus>());
        services.AddSingleton<IAlarmSignalSink, RabbitMqAlarmSignalSink>();
        services.AddSingleton<ILiveFeed>(sp => sp.GetRequiredService<RabbitMqLiveFeed>());
        services.AddSingleton<RabbitMqDeskCommandChannel>();
        services.AddSingleton<IDeskCommandChannel>(sp => sp.GetRequiredService<RabbitMqDeskCommandChannel>());

        // Hosted services start in this order, after the core ones: connection first, the desk election last.
        services.AddHostedService(sp => sp.GetRequiredService<RabbitMqConnection>());
        services.AddHostedService(sp => sp.GetRequiredService<RabbitMqLiveFeed>());
        services.AddHostedService(sp => sp.GetRequiredService<RabbitMqControl>());
        services.AddHostedService(sp => sp.GetRequiredService<RabbitMqObservationBus>());
        services.AddHostedService(sp => sp.GetRequiredService<RabbitMqDeskCommandChannel>());
        services.AddHostedService<RabbitMqDeskOwnership>();
        services.AddHostedService<RabbitMqMqttIngest>();
        return services;
    }
}
