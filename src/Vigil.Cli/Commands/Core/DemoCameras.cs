using Microsoft.Extensions.DependencyInjection;
using Vigil.CameraAnalytics.Behaviour;
using Vigil.CameraAnalytics.Geometry;
using Vigil.Domain.Devices;
using Vigil.Platform.Cameras;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ingest;
using Vigil.Platform.Ports;
using Vigil.Server.Apis;
using Vigil.Simulation;

namespace Vigil.Cli.Commands.Core;

/// <summary>Registers and configures the demo cameras the way an administrator would, through the same validation.</summary>
internal static class DemoCameras
{
    /// <summary>Registers each camera as a device, stores its configuration, and returns the cameras' keys.</summary>
    public static async Task<Dictionary<string, string>> ProvisionAsync(IServiceProvider services, IReadOnlyList<SimulatedCamera> cameras, CancellationToken cancellationToken)
    {
        var time = services.GetRequiredService<TimeProvider>();
        var devices = services.GetRequiredService<IDeviceStore>();
        var registry = services.GetRequiredService<DeviceRegistry>();
        var configs = services.GetRequiredService<ICameraStore>();
        var cameraRegistry = services.GetRequiredService<CameraRegistry>();
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var camera in cameras)
        {
            var request = new DevicesApi.DeviceRequest(camera.Id, camera.Name, DeviceKind.Camera, new GeoView(camera.Location.Lat, camera.Location.Lon),
                "police", [new QuantitySpec("persons", "")]);
            var (entry, key) = await DevicesApi.RegisterAsync(request, "demo", devices, registry, time, cancellationToken).ConfigureAwait(false);
            if (entry is null)
            {
                // Kept from an earlier run (--keep): issue a fresh key, the old one was never printed.
                key = (await DevicesApi.RotateAsync(camera.Id, "demo", registry, devices, time, cancellationToken).ConfigureAwait(false))?.Key ?? key;
            }

            keys[camera.Id] = key;
            var errors = new List<FieldError>();
            var setup = CameraConfigCompiler.TryCompile(camera.Id, camera.Location, Config(), time.GetUtcNow(), errors)
                ?? throw new InvalidOperationException($"demo camera configuration is invalid: {errors[0].Field} {errors[0].Message}");
            await configs.SaveConfigAsync(setup.View, new AuditRecord(time.GetUtcNow(), "demo", "camera.configure", "camera", camera.Id, null, null), cancellationToken)
                .ConfigureAwait(false);
            cameraRegistry.Upsert(setup.View);
        }

        return keys;
    }

    /// <summary>The square's calibration (100 pixels a metre), a bench zone on the ground, and the rules the scene exercises.</summary>
    private static CameraConfigRequest Config()
    {
        const double W = CameraScene.ImageWidth;
        const double H = CameraScene.ImageHeight;
        const double Scale = CameraScene.PixelsPerMetre;
        return new CameraConfigRequest(
            CameraScene.ImageWidth,
            CameraScene.ImageHeight,
            CameraScene.FrameRate,
            [new PointPair(0, H, 0, 0), new PointPair(W, H, W / Scale, 0), new PointPair(W, 0, W / Scale, H / Scale), new PointPair(0, 0, 0, H / Scale)],
            [
                new CameraZoneView("square", [[0, 0], [W, 0], [W, H], [0, H]]),
                new CameraZoneView("bench", [[12.5, 6], [17.5, 6], [17.5, 9.5], [12.5, 9.5]], CoordinateSpace.Ground),
            ],
            [
                new CameraRuleView("running", BehaviourKind.Running, Zone: "square", Speed: 2.5),
                new CameraRuleView("loitering", BehaviourKind.Loitering, Zone: "bench", Seconds: 60),
                new CameraRuleView("left-luggage", BehaviourKind.AbandonedObject, Seconds: 30, OwnerRadius: 3),
                new CameraRuleView("midline", BehaviourKind.LineCrossing, Line: [W / 2, 0, W / 2, H]),
            ]);
    }
}
