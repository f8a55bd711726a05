using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Vigil.CameraAnalytics.Behaviour;
using Vigil.Domain.Devices;
using Vigil.Platform.Cameras;
using Vigil.Platform.Configuration;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ingest;
using Vigil.Platform.Ports;
using Vigil.Server.Cameras;
using Vigil.Server.Security;

namespace Vigil.Server.Apis;

/// <summary>Cameras post per-frame detections; administrators configure zones and rules; the console reads tracks and events.</summary>
public static class CamerasApi
{
    public static RouteGroupBuilder MapCamerasApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/cameras").WithTags("Cameras");
        group.MapPost("/detections", IngestAsync)
            .RequireAuthorization(Policies.Device)
            .WithSummary("Post a batch of per-frame detections (camera device key in X-Api-Key)")
            .WithDescription("Up to 1,000 frames in capture order, 500 boxes each. Answers 202 only once the batch is durably stored; " +
                             "a batch id seen before answers 202 with duplicate=true. Any bad field rejects the whole batch.")
            .Produces<DetectionIngestResponse>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/", List).RequireAuthorization(Policies.ViewOperations).WithSummary("Camera devices with their zones on the map");
        group.MapGet("/{id}", Get).RequireAuthorization(Policies.ViewOperations).WithSummary("One camera's configuration");
        group.MapPut("/{id}/config", PutConfigAsync).RequireAuthorization(Policies.ManageDevices)
            .WithSummary("Set a camera's image size, frame rate, calibration (4+ image-to-ground point pairs), zones and rules");
        group.MapDelete("/{id}/config", DeleteConfigAsync).RequireAuthorization(Policies.ManageDevices)
            .WithSummary("Remove a camera's configuration; its detections are refused until it is configured again");
        group.MapGet("/{id}/tracks", Tracks).RequireAuthorization(Policies.ViewOperations)
            .WithSummary("Tracks seen in the last 30 s, as class and map path (no images, no appearance)");
        group.MapGet("/{id}/events", Events).RequireAuthorization(Policies.ViewOperations).WithSummary("The camera's last 100 behaviour events, newest first");
        return group;
    }

    private static async Task<IResult> IngestAsync(
        HttpContext context,
        DeviceRegistry devices,
        CameraRegistry cameras,
        DetectionBatchParser parser,
        CameraIngestService ingest,
        IOptions<IngestOptions> options,
        CancellationToken cancellationToken)
    {
        var received = Stopwatch.GetTimestamp();
        var deviceId = context.User.FindFirst(AuthSchemes.DeviceClaim)?.Value;
        var device = deviceId is null ? null : devices.Find(deviceId);
        if (device is null)
        {
            return TypedResults.Problem("The device behind this key no longer exists.", statusCode: StatusCodes.Status401Unauthorized);
        }

        if (device.Device.Kind != DeviceKind.Camera)
        {
            // 409 rather than 403: the key is valid and the caller is a device; what conflicts is the device's kind.
            return TypedResults.Problem("Only camera devices post detections; sensors post observations.", statusCode: StatusCodes.Status409Conflict, title: "Not a camera");
        }

        if (context.Request.ContentType is not { } contentType || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem("Send the batch as application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");
        }

        if (cameras.Find(device.Device.Id) is not { } config)
        {
            return Problems.Conflict($"Camera {device.Device.Id} has no configuration yet: an administrator sets its image size and frame rate first.");
        }

        var body = await RequestBody.ReadAsync(context.Request, options.Value.MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return TypedResults.Problem($"The body exceeds {options.Value.MaxBodyBytes} bytes; split the batch.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Batch too large");
        }

        var errors = new List<FieldError>();
        var batch = parser.Parse(body, device, config.Config.ImageWidth, config.Config.ImageHeight, received, errors);
        if (batch is null)
        {
            return Problems.Fields(ToPairs(errors));
        }

        var outcome = await ingest.AdmitAsync(batch, cancellationToken).ConfigureAwait(false);
        if (outcome == IngestOutcome.Overloaded)
        {
            context.Response.Headers.RetryAfter = "1";
            return TypedResults.Problem("The pipeline is full; retry the same batch shortly.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Busy");
        }

        return TypedResults.Accepted((string?)null, new DetectionIngestResponse(batch.BatchId, batch.Frames.Count, batch.DetectionCount, outcome == IngestOutcome.Duplicate));
    }

    private static IResult List(DeviceRegistry devices, CameraRegistry cameras)
    {
        var views = new List<CameraMapView>();
        foreach (var entry in devices.All)
        {
            if (entry.Device.Kind == DeviceKind.Camera)
            {
                views.Add(MapView(entry, cameras.Find(entry.Device.Id)));
            }
        }

        views.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return TypedResults.Ok(views);
    }

    private static IResult Get(string id, DeviceRegistry devices, CameraRegistry cameras) =>
        FindCamera(devices, id) is not { } entry
            ? Problems.NotFound($"No camera {id}.")
            : TypedResults.Ok(new CameraDetailView(MapView(entry, cameras.Find(id)), cameras.Find(id)?.Config));

    private static async Task<IResult> PutConfigAsync(
        string id, HttpContext context, DeviceRegistry devices, CameraRegistry cameras, ICameraStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        if (FindCamera(devices, id) is not { } entry)
        {
            return devices.Find(id) is null ? Problems.NotFound($"No device {id}.") : Problems.Field("id", $"{id} is not a camera device.");
        }

        CameraConfigRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(context.Request.Body, CameraJson.Default.CameraConfigRequest, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            return Problems.Field(e.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body", "is not valid JSON of the expected type.");
        }

        var errors = new List<FieldError>();
        var setup = CameraConfigCompiler.TryCompile(id, entry.Device.Location, request, time.GetUtcNow(), errors);
        if (setup is null)
        {
            return Problems.Fields(ToPairs(errors));
        }

        var before = cameras.Find(id);
        var audit = new AuditRecord(time.GetUtcNow(), context.User.Actor(), "camera.configure", "camera", id,
            before is null ? null : JsonSerializer.Serialize(before, CameraJson.Default.CameraConfigView),
            JsonSerializer.Serialize(setup.View, CameraJson.Default.CameraConfigView));
        await store.SaveConfigAsync(setup.View, audit, cancellationToken).ConfigureAwait(false);
        cameras.Upsert(setup.View);
        return TypedResults.Ok(new CameraDetailView(MapView(entry, setup.View), setup.View.Config));
    }

    private static async Task<IResult> DeleteConfigAsync(
        string id, HttpContext context, CameraRegistry cameras, CameraActivity activity, ICameraStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        if (cameras.Find(id) is not { } existing)
        {
            return Problems.NotFound($"Camera {id} has no configuration.");
        }

        var audit = new AuditRecord(time.GetUtcNow(), context.User.Actor(), "camera.unconfigure", "camera", id,
            JsonSerializer.Serialize(existing, CameraJson.Default.CameraConfigView), null);
        await store.DeleteConfigAsync(id, audit, cancellationToken).ConfigureAwait(false);
        cameras.Remove(id);
        activity.Forget(id);
        return TypedResults.NoContent();
    }

    private static IResult Tracks(string id, DeviceRegistry devices, CameraActivity activity) =>
        FindCamera(devices, id) is null ? Problems.NotFound($"No camera {id}.") : TypedResults.Ok(activity.Tracks(id));

    private static IResult Events(string id, [FromQuery] int? limit, DeviceRegistry devices, CameraActivity activity)
    {
        if (FindCamera(devices, id) is null)
        {
            return Problems.NotFound($"No camera {id}.");
        }

        if (limit is < 1 or > 100)
        {
            return Problems.Field("limit", "must be between 1 and 100.");
        }

        var events = activity.Events(id);
        var take = Math.Min(limit ?? 100, events.Count);
        var result = new CameraEventView[take];
        for (var i = 0; i < take; i++)
        {
            result[i] = events[i];
        }

        return TypedResults.Ok(result);
    }

    private static DeviceEntry? FindCamera(DeviceRegistry devices, string id) =>
        devices.Find(id) is { Device.Kind: DeviceKind.Camera } entry ? entry : null;

    private static CameraMapView MapView(DeviceEntry entry, CameraConfigView? config)
    {
        var device = entry.Device;
        if (config is null)
        {
            return new CameraMapView(device.Id, device.Name, device.Location.ToView(), false, false, null, null, null, [], 0, null);
        }

        var setup = CameraConfigCompiler.TryCompile(device.Id, device.Location, config.Config, config.UpdatedAt, []);
        var zones = new List<CameraZoneMapView>();
        if (setup is not null)
        {
            foreach (var zone in setup.Zones)
            {
                zones.Add(new CameraZoneMapView(zone.Id, Project(setup, zone)));
            }
        }

        return new CameraMapView(device.Id, device.Name, device.Location.ToView(), true, setup?.Model.IsCalibrated ?? false,
            config.Config.ImageWidth, config.Config.ImageHeight, config.Config.FrameRate, zones, config.Config.Rules?.Count ?? 0, config.UpdatedAt);
    }

    private static List<double[]> Project(CameraSetup setup, Zone zone)
    {
        var model = setup.Model;
        var ring = new List<double[]>(zone.Area.VertexCount);
        if (!model.IsCalibrated)
        {
            return ring;
        }

        for (var v = 0; v < zone.Area.VertexCount; v++)
        {
            double gx = zone.Area.X(v), gy = zone.Area.Y(v);

            // Image vertices above the horizon have no ground position; the ring keeps those that do.
            if (zone.Space == CoordinateSpace.Image && !model.TryToGround(gx, gy, out gx, out gy))
            {
                continue;
            }

            if (model.TryToGeo(gx, gy, out var geo))
            {
                ring.Add([Math.Round(geo.Latitude, 7), Math.Round(geo.Longitude, 7)]);
            }
        }

        return ring.Count >= 3 ? ring : [];
    }

    private static List<KeyValuePair<string, string>> ToPairs(List<FieldError> errors)
    {
        var pairs = new List<KeyValuePair<string, string>>(errors.Count);
        foreach (var error in errors)
        {
            pairs.Add(new(error.Field, error.Message));
        }

        return pairs;
    }

    public sealed record DetectionIngestResponse(string BatchId, int Frames, int Detections, bool Duplicate);

    public sealed record CameraDetailView(CameraMapView Camera, CameraConfigRequest? Config);
}
