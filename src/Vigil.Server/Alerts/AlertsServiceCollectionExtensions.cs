using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Server.Apis;
using Vigil.Server.Configuration;
using Vigil.Server.Outbreaks;

namespace Vigil.Server.Alerts;

/// <summary>Public warnings: the alert desk, the authoring API and the public feeds (the store comes with the storage adapter).</summary>
public static class AlertsServiceCollectionExtensions
{
    public static IServiceCollection AddVigilAlerts(this IServiceCollection services)
    {
        services.AddOptions<AlertingOptions>().BindConfiguration(AlertingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AlertDesk>();
        services.AddSingleton<SubscriberDirectory>();
        services.AddSingleton<WebhookTargetGuard>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        services.AddOptions<OutbreakWatchOptions>().BindConfiguration(OutbreakWatchOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OutbreakWatch>();
        services.AddSingleton<AirQualityAdvisories>();
        services.AddHostedService(sp => sp.GetRequiredService<AirQualityAdvisories>());
        return services;
    }

    public static WebApplication MapVigilAlerts(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapAlertsApi();
        app.MapPublicAlertsApi();
        app.MapSubscribersApi();
        app.MapPublicSubscriptionsApi();
        app.MapOutbreaksApi();
        return app;
    }
}
