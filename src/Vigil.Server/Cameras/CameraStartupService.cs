using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vigil.Platform.Cameras;
using Vigil.Platform.Ports;

namespace Vigil.Server.Cameras;

/// <summary>Loads the stored camera configurations before the server takes requests.</summary>
public sealed partial class CameraStartupService(ICameraStore store, CameraRegistry registry, ILogger<CameraStartupService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var configs = await store.ListConfigsAsync(cancellationToken).ConfigureAwait(false);
        registry.Load(configs);
        Log.CamerasLoaded(logger, configs.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventId = 1601, Level = LogLevel.Information, Message = "Loaded {Count} camera configurations")]
        public static partial void CamerasLoaded(ILogger logger, int count);
    }
}
