using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Vigil.Domain.Accounts;
using Vigil.Domain.Devices;
using Vigil.Domain.Geo;
using Vigil.Server.Tests.Infrastructure;

namespace Vigil.Server.Tests;

/// <summary>
/// Cameras end to end: an administrator calibrates a camera and draws a zone with rules, the camera posts per-frame
/// detections with its device key, and the tracker's behaviour events come out as alarms carrying camera and zone.
/// </summary>
public sealed class CameraAnalyticsTests(VigilServer server) : IClassFixture<VigilServer>
{
    // A 1920×1080 view of a 19.2 m × 10.8 m patch of ground seen from straight above: 100 pixels a metre, image y
    // growing southwards. Simple enough to check by hand, and a genuine homography fit from four pairs.
    private static readonly object[] Calibration =
    [
        new { imageX = 0, imageY = 1080, groundX = 0, groundY = 0 },
        new { imageX = 1920, imageY = 1080, groundX = 19.2, groundY = 0 },
        new { imageX = 1920, imageY = 0, groundX = 19.2, groundY = 10.8 },
        new { imageX = 0, imageY = 0, groundX = 0, groundY = 10.8 },
    ];

    [Fact]
    public async Task Running_person_in_zone_raises_alarm_with_camera_zone_box_and_map_position()
    {
        var camera = await ConfiguredCameraAsync();

        // 5 m/s (20 px per frame at 25 fps) across the plaza: well above the 3 m/s running limit.
        using (var posted = await PostDetectionsAsync(camera, "run-1", RunningPerson(DateTimeOffset.UtcNow.AddSeconds(-10))))
        {
            await Expect.StatusAsync(posted, HttpStatusCode.Accepted);
            var body = (await posted.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal(("run-1", 75, false), (body["batchId"]!.GetValue<string>(), body["frames"]!.GetValue<int>(), body["duplicate"]!.GetValue<bool>()));
        }

        var viewer = await server.AsAsync(Role.Operator);
        var alarm = await Expect.EventuallyAsync(async () =>
        {
            var alarms = await viewer.GetFromJsonAsync<JsonArray>($"/api/v1/alarms?device={camera.Id}");
            return alarms!.Count > 0 ? alarms[0]!.AsObject() : null;
        }, "a camera alarm");

        Assert.Equal("camera:run", alarm["ruleId"]!.GetValue<string>());
        Assert.Equal("Emergency", alarm["category"]!.GetValue<string>());
        Assert.Equal("crowd-running", alarm["incidentType"]!.GetValue<string>());
        var evidence = alarm["camera"]!.AsObject();
        Assert.Equal("plaza", evidence["zoneId"]!.GetValue<string>());
        Assert.Equal("Running", evidence["behaviour"]!.GetValue<string>());
        Assert.Equal("Person", evidence["objectClass"]!.GetValue<string>());
        Assert.InRange(evidence["value"]!.GetValue<double>(), 4.0, 6.0);
        Assert.Equal(150, evidence["boxHeight"]!.GetValue<double>(), 0);

        // Placed where the runner was, via the homography: on the 19.2 m × 10.8 m patch north-east of the camera.
        var at = new GeoPoint(alarm["location"]!["lat"]!.GetValue<double>(), alarm["location"]!["lon"]!.GetValue<double>());
        Assert.NotEqual(camera.Location, at);
        Assert.InRange(at.DistanceTo(camera.Location), 1, 25);

        // The events and tracks the console draws.
        var events = (await viewer.GetFromJsonAsync<JsonArray>($"/api/v1/cameras/{camera.Id}/events"))!;
        Assert.Contains(events, e => e!["kind"]!.GetValue<string>() == "Running" && e["alarmed"]!.GetValue<bool>());
        var tracks = (await viewer.GetFromJsonAsync<JsonArray>($"/api/v1/cameras/{camera.Id}/tracks"))!;
        var track = Assert.Single(tracks)!;
        Assert.True(track["path"]!.AsArray().Count >= 3, track.ToJsonString());
    }

    [Fact]
    public async Task Running_crowd_near_gunshot_joins_the_gunshot_incident()
    {
        var place = TestPlaces.Next();
        var microphone = await server.RegisterDeviceAsync(DeviceKind.Acoustic, ["impulse_db"], place);
        using (var shot = await microphone.PostAsync("shot", ("impulse_db", DateTimeOffset.UtcNow.AddSeconds(-20), 141.5)))
        {
            await Expect.StatusAsync(shot, HttpStatusCode.Accepted);
        }

        var viewer = await server.AsAsync(Role.Operator);
        var gunshotIncident = await Expect.EventuallyAsync(async () =>
        {
            var alarms = await viewer.GetFromJsonAsync<JsonArray>($"/api/v1/alarms?device={microphone.Id}");
            return alarms!.Count > 0 && alarms[0]!["incidentId"] is { } id ? id.ToJsonString() : null;
        }, "the gunshot incident");

        // A camera 150 m away sees people running.
        var camera = await ConfiguredCameraAsync(place.Offset(150, 0));
        using (var posted = await PostDetectionsAsync(camera, "run-near-shot", RunningPerson(DateTimeOffset.UtcNow.AddSeconds(-10))))
        {
            await Expect.StatusAsync(posted, HttpStatusCode.Accepted);
        }

        var alarm = await Expect.EventuallyAsync(async () =>
        {
            var alarms = await viewer.GetFromJsonAsync<JsonArray>($"/api/v1/alarms?device={camera.Id}");
            return alarms!.Count > 0 ? alarms[0]!.AsObject() : null;
        }, "the camera alarm");
        Assert.Equal(long.Parse(gunshotIncident, System.Globalization.CultureInfo.InvariantCulture), alarm["incidentId"]!.GetValue<long>());

        var incident = (await viewer.GetFromJsonAsync<JsonObject>($"/api/v1/incidents/{gunshotIncident}"))!;
        Assert.Equal("gunshot", incident["type"]!.GetValue<string>());
        Assert.Contains(alarm["id"]!.GetValue<long>(), incident["alarmIds"]!.AsArray().Select(a => a!.GetValue<long>()));
    }

    [Fact]
    public async Task Retried_detection_batch_is_acknowledged_as_duplicate_and_tracked_once()
    {
        var camera = await ConfiguredCameraAsync();
        var frames = RunningPerson(DateTimeOffset.UtcNow.AddSeconds(-10));
        using (var first = await PostDetectionsAsync(camera, "same", frames))
        {
            await Expect.StatusAsync(first, HttpStatusCode.Accepted);
        }

        using var again = await PostDetectionsAsync(camera, "same", frames);
        await Expect.StatusAsync(again, HttpStatusCode.Accepted);
        Assert.True((await again.Content.ReadFromJsonAsync<JsonObject>())!["duplicate"]!.GetValue<bool>());

        var viewer = await server.AsAsync(Role.Operator);
        await Expect.EventuallyAsync(async () =>
        {
            var alarms = await viewer.GetFromJsonAsync<JsonArray>($"/api/v1/alarms?device={camera.Id}");
            return alarms!.Count > 0 ? alarms : null;
        }, "the camera alarm");
        await Task.Delay(300);
        Assert.Single((await viewer.GetFromJsonAsync<JsonArray>($"/api/v1/alarms?device={camera.Id}"))!);
    }

    [Fact]
    public async Task Bad_detection_field_is_refused_with_its_path()
    {
        var camera = await ConfiguredCameraAsync();
        var at = DateTimeOffset.UtcNow.AddSeconds(-5);
        var frames = new[] { new { frame = 1, time = at, objects = new[] { new { @class = "Person", confidence = 1.7, x = 10.0, y = 10.0, w = 50.0, h = 120.0 } } } };
        using var response = await camera.Client.PostAsJsonAsync("/api/v1/cameras/detections", new { batchId = "bad", frames });
        await Expect.FieldProblemAsync(response, "frames[0].objects[0].confidence");

        using var unknownClass = await camera.Client.PostAsync("/api/v1/cameras/detections", new StringContent(
            $$"""{"batchId":"bad2","frames":[{"frame":1,"time":"{{at:O}}","objects":[{"class":"Unicorn","confidence":0.9,"x":1,"y":1,"w":5,"h":5}]}]}""",
            System.Text.Encoding.UTF8, "application/json"));
        await Expect.FieldProblemAsync(unknownClass, "frames[0].objects[0].class");
    }

    [Fact]
    public async Task Camera_without_configuration_and_sensor_devices_are_refused()
    {
        var camera = await server.RegisterDeviceAsync(DeviceKind.Camera, ["objects"]);
        using (var unconfigured = await PostDetectionsAsync(camera, "early", RunningPerson(DateTimeOffset.UtcNow.AddSeconds(-10))))
        {
            await Expect.ProblemAsync(unconfigured, HttpStatusCode.Conflict);
        }

        var sensor = await server.SharedDeviceAsync();
        using var notCamera = await PostDetectionsAsync(sensor, "nope", RunningPerson(DateTimeOffset.UtcNow.AddSeconds(-10)));
        await Expect.ProblemAsync(notCamera, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Calibration_needs_four_non_degenerate_pairs_and_rules_name_known_zones()
    {
        var admin = await server.AdminAsync();
        var camera = await server.RegisterDeviceAsync(DeviceKind.Camera, ["objects"]);
        var threePairs = Calibration[..3];
        using (var few = await admin.PutAsJsonAsync($"/api/v1/cameras/{camera.Id}/config", Config(threePairs, "plaza")))
        {
            Assert.Contains("at least 4", await Expect.FieldProblemAsync(few, "calibration"), StringComparison.Ordinal);
        }

        object[] collinear =
        [
            new { imageX = 0, imageY = 0, groundX = 0, groundY = 0 },
            new { imageX = 100, imageY = 100, groundX = 1, groundY = 1 },
            new { imageX = 200, imageY = 200, groundX = 2, groundY = 2 },
            new { imageX = 300, imageY = 300, groundX = 3, groundY = 3 },
        ];
        using (var degenerate = await admin.PutAsJsonAsync($"/api/v1/cameras/{camera.Id}/config", Config(collinear, "plaza")))
        {
            await Expect.FieldProblemAsync(degenerate, "calibration");
        }

        using (var unknownZone = await admin.PutAsJsonAsync($"/api/v1/cameras/{camera.Id}/config", Config(Calibration, "nowhere")))
        {
            Assert.Contains("nowhere", await Expect.FieldProblemAsync(unknownZone, "rules"), StringComparison.Ordinal);
        }

        using var ok = await admin.PutAsJsonAsync($"/api/v1/cameras/{camera.Id}/config", Config(Calibration, "plaza"));
        await Expect.StatusAsync(ok, HttpStatusCode.OK);
        var listed = (await (await server.AsAsync(Role.Operator)).GetFromJsonAsync<JsonArray>("/api/v1/cameras"))!
            .Single(c => c!["id"]!.GetValue<string>() == camera.Id)!;
        Assert.True(listed["calibrated"]!.GetValue<bool>());
        var ring = listed["zones"]![0]!["ring"]!.AsArray();
        Assert.Equal(4, ring.Count);

        // The zone's image corners land on the ground patch: the image's top-right corner 19.2 m east and 10.8 m north of the camera.
        var far = new GeoPoint(ring[1]![0]!.GetValue<double>(), ring[1]![1]!.GetValue<double>());
        Assert.Equal(Math.Sqrt((19.2 * 19.2) + (10.8 * 10.8)), far.DistanceTo(camera.Location), 1);
    }

    private async Task<TestDevice> ConfiguredCameraAsync(GeoPoint? location = null)
    {
        var camera = await server.RegisterDeviceAsync(DeviceKind.Camera, ["objects"], location);
        var admin = await server.AdminAsync();
        using var response = await admin.PutAsJsonAsync($"/api/v1/cameras/{camera.Id}/config", Config(Calibration, "plaza"));
        await Expect.StatusAsync(response, HttpStatusCode.OK);
        return camera;
    }

    private static object Config(object[] calibration, string ruleZone) => new
    {
        imageWidth = 1920,
        imageHeight = 1080,
        frameRate = 25,
        calibration,
        zones = new[] { new { id = "plaza", polygon = new[] { new[] { 0.0, 0 }, [1920, 0], [1920, 1080], [0, 1080] } } },
        rules = new[] { new { id = "run", kind = "Running", zone = ruleZone, speed = 3.0 } },
    };

    /// <summary>Three seconds at 25 fps of one person crossing the view at 20 pixels (0.2 m) a frame.</summary>
    private static object[] RunningPerson(DateTimeOffset start)
    {
        var frames = new object[75];
        for (var i = 0; i < frames.Length; i++)
        {
            frames[i] = new
            {
                frame = i + 1,
                time = start.AddMilliseconds(40 * i),
                objects = new[] { new { @class = "Person", confidence = 0.9, x = 100.0 + (20 * i), y = 700.0, w = 60.0, h = 150.0 } },
            };
        }

        return frames;
    }

    private static Task<HttpResponseMessage> PostDetectionsAsync(TestDevice camera, string batchId, object[] frames) =>
        camera.Client.PostAsJsonAsync("/api/v1/cameras/detections", new { batchId, frames });
}
