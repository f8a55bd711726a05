using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Platform.Cameras;
using Vigil.Server.Apis;

namespace Vigil.Server.Cameras;

/// <summary>Camera analytics: configurations, the tracking pipeline and the camera API (the store comes with the storage adapter).</summary>
public static class CamerasServiceCollectionExtensions
{
    public static IServiceCollection AddVigilCameras(this IServiceCollection services)
    {
        services.AddSingleton<CameraRegistry>();
        services.AddSingleton<CameraActivity>();
        services.AddSingleton(sp => new DetectionBatchParser(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<CameraPipeline>();
        services.AddSingleton<CameraIngestService>();
        services.AddHostedService<CameraStartupService>();
        services.AddHostedService(sp => sp.GetRequiredService<CameraPipeline>());
        return services;
    }

    public static WebApplication MapVigilCameras(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapCamerasApi();
        return app;
    }
}
