using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Vigil.Domain.Accounts;
using Vigil.Domain.Devices;
using Vigil.Server.Tests.Infrastructure;

namespace Vigil.Server.Tests;

/// <summary>
/// A server whose only health rule is a device-offline rule with a 3 s silence limit, checked every 250 ms, so that
/// silence and liveness can both be seen within seconds.
/// </summary>
public sealed class CameraLivenessServer() : VigilServer(new Dictionary<string, string?>
{
    ["Vigil:RulesFile"] = RulesFile(),
    ["Vigil:Pipeline:SilenceCheckInterval"] = "00:00:00.250",
})
{
    private static string RulesFile()
    {
        var path = Path.Combine(Path.GetTempPath(), "vigil-camera-liveness-rules-" + Guid.NewGuid().ToString("n") + ".json");
        File.WriteAllText(path, """
            { "rules": [ { "id": "device-offline", "type": "MissingData", "maxSilence": "00:00:03", "severity": "Minor", "category": "DeviceFault" } ] }
            """);
        return path;
    }
}

/// <summary>
/// A camera sends detection batches, never observations. Its batches must keep it alive for the device-offline rule,
/// and when they stop the rule must fire as for any silent device.
/// </summary>
public sealed class CameraLivenessTests(CameraLivenessServer server) : IClassFixture<CameraLivenessServer>
{
    private static readonly object[] Calibration =
    [
        new { imageX = 0, imageY = 1080, groundX = 0, groundY = 0 },
        new { imageX = 1920, imageY = 1080, groundX = 19.2, groundY = 0 },
        new { imageX = 1920, imageY = 0, groundX = 19.2, groundY = 10.8 },
        new { imageX = 0, imageY = 0, groundX = 0, groundY = 10.8 },
    ];

    [Fact]
    public async Task Camera_sending_only_detections_stays_online_and_goes_offline_when_it_stops()
    {
        var active = await ConfiguredCameraAsync();
        var silent = await ConfiguredCameraAsync();
        await PostOneFrameAsync(silent, "only-batch");
        var viewer = await server.AsAsync(Role.Operator);

        // The active camera keeps sending batches until the silent one's offline alarm shows that the rule is live and
        // its limit has passed. The active camera was registered first, so had its batches not counted it would be
        // offline by now too.
        var batch = 0;
        await Expect.EventuallyAsync(async () =>
        {
            await PostOneFrameAsync(active, $"live-{batch++}");
            return await OfflineAlarmAsync(viewer, silent.Id);
        }, "the silent camera's device-offline alarm", TimeSpan.FromSeconds(60));

        // Keep sending for longer than the silence limit again, so that a camera whose batches did not count would
        // certainly have been declared offline by now, whatever the order the two partitions ran their checks in.
        var until = DateTimeOffset.UtcNow.AddSeconds(4);
        while (DateTimeOffset.UtcNow < until)
        {
            await PostOneFrameAsync(active, $"live-{batch++}");
            await Task.Delay(200);
        }

        Assert.Null(await OfflineAlarmAsync(viewer, active.Id));

        // Now the active camera stops too.
        var alarm = await Expect.EventuallyAsync(() => OfflineAlarmAsync(viewer, active.Id), "the stopped camera's device-offline alarm", TimeSpan.FromSeconds(60));
        Assert.Equal("DeviceFault", alarm["category"]!.GetValue<string>());
    }

    private static async Task<JsonObject?> OfflineAlarmAsync(HttpClient viewer, string deviceId)
    {
        var alarms = (await viewer.GetFromJsonAsync<JsonArray>($"/api/v1/alarms?device={deviceId}"))!;
        foreach (var alarm in alarms)
        {
            if (alarm!["ruleId"]!.GetValue<string>() == "device-offline")
            {
                return alarm.AsObject();
            }
        }

        return null;
    }

    private async Task<TestDevice> ConfiguredCameraAsync()
    {
        var camera = await server.RegisterDeviceAsync(DeviceKind.Camera, ["objects"]);
        var admin = await server.AdminAsync();
        var config = new
        {
            imageWidth = 1920,
            imageHeight = 1080,
            frameRate = 25,
            calibration = Calibration,
            zones = new[] { new { id = "plaza", polygon = new[] { new[] { 0.0, 0 }, [1920, 0], [1920, 1080], [0, 1080] } } },
            rules = new[] { new { id = "run", kind = "Running", zone = "plaza", speed = 3.0 } },
        };
        using var response = await admin.PutAsJsonAsync($"/api/v1/cameras/{camera.Id}/config", config);
        await Expect.StatusAsync(response, HttpStatusCode.OK);
        return camera;
    }

    /// <summary>One frame taken now with one person standing still: nothing for the behaviour rules, only liveness.</summary>
    private static async Task PostOneFrameAsync(TestDevice camera, string batchId)
    {
        var frames = new[]
        {
            new { frame = 1, time = DateTimeOffset.UtcNow, objects = new[] { new { @class = "Person", confidence = 0.9, x = 400.0, y = 500.0, w = 60.0, h = 150.0 } } },
        };
        using var response = await camera.Client.PostAsJsonAsync("/api/v1/cameras/detections", new { batchId, frames });
        await Expect.StatusAsync(response, HttpStatusCode.Accepted);
    }
}
