using Microsoft.Extensions.DependencyInjection;

namespace Vigil.Server.Forecasting;

public static class ForecastingServiceCollectionExtensions
{
    /// <summary>The forecasting service and its options (section "Vigil:Forecasting").</summary>
    public static IServiceCollection AddVigilForecasting(this IServiceCollection services)
    {
        services.AddOptions<ForecastingOptions>().BindConfiguration(ForecastingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ForecastHistoryLoader>();
        services.AddSingleton<ForecastService>();
        return services;
    }
}
