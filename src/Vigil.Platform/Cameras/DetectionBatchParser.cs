using System.Text.Json;
using Vigil.CameraAnalytics.Detections;
using Vigil.Platform.Ingest;
using CameraDetection = Vigil.CameraAnalytics.Detections.Detection;

namespace Vigil.Platform.Cameras;

/// <summary>
/// Validates a camera's detection batch. Like observation batches, any bad field rejects the whole batch, and each
/// problem names its JSON path ("frames[2].objects[0].confidence") so the sender can fix it.
/// </summary>
public sealed class DetectionBatchParser(TimeProvider time)
{
    /// <summary>About a minute of a 15 fps camera with 30 objects a frame; keeps one batch well under the body limit.</summary>
    public const int MaxFrames = 1000;

    public const int MaxObjectsPerFrame = 500;

    /// <summary>Frames stamped further ahead of the server clock than this are refused: a camera clock gone wrong.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    private const int MaxBatchIdLength = 128;

    public CameraBatch? Parse(ReadOnlySpan<byte> json, DeviceEntry camera, int imageWidth, int imageHeight, long receivedTimestamp, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(camera);
        ArgumentNullException.ThrowIfNull(errors);
        DetectionBatchRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(json, CameraJson.Default.DetectionBatchRequest);
        }
        catch (JsonException e)
        {
            errors.Add(new FieldError(FieldOf(e.Path), "is not valid JSON of the expected type."));
            return null;
        }

        if (request is null)
        {
            errors.Add(new FieldError("body", "is required."));
            return null;
        }

        if (string.IsNullOrWhiteSpace(request.BatchId) || request.BatchId.Length > MaxBatchIdLength)
        {
            errors.Add(new FieldError("batchId", $"is required, at most {MaxBatchIdLength} characters."));
        }

        if (request.Frames is not { Count: > 0 and <= MaxFrames } frames)
        {
            errors.Add(new FieldError("frames", $"needs 1 to {MaxFrames} frames."));
            return null;
        }

        var latest = time.GetUtcNow() + MaxClockSkew;
        var parsed = new DetectionFrame[frames.Count];
        var detections = 0;
        long previousIndex = long.MinValue;
        DateTimeOffset previousTime = DateTimeOffset.MinValue;
        for (var f = 0; f < frames.Count; f++)
        {
            var field = $"frames[{f}]";
            if (frames[f] is not { } frame)
            {
                errors.Add(new FieldError(field, "must not be null."));
                continue;
            }

            if (frame.Frame is not { } index || index < 0)
            {
                errors.Add(new FieldError(field + ".frame", "is required and must not be negative."));
                continue;
            }

            if (frame.Time is not { } at)
            {
                errors.Add(new FieldError(field + ".time", "is required."));
                continue;
            }

            if (at > latest)
            {
                errors.Add(new FieldError(field + ".time", "is in the future; check the camera's clock."));
                continue;
            }

            // The tracker predicts one step per frame, so frames must come in capture order.
            if (index <= previousIndex || at < previousTime)
            {
                errors.Add(new FieldError(field + ".frame", "frames must be in capture order: increasing frame and time."));
                continue;
            }

            previousIndex = index;
            previousTime = at;
            var objects = frame.Objects ?? [];
            if (objects.Count > MaxObjectsPerFrame)
            {
                errors.Add(new FieldError(field + ".objects", $"at most {MaxObjectsPerFrame} objects per frame."));
                continue;
            }

            var boxes = new CameraDetection[objects.Count];
            for (var o = 0; o < objects.Count; o++)
            {
                var objectField = $"{field}.objects[{o}]";
                if (ParseObject(objects[o], objectField, imageWidth, imageHeight, errors) is { } detection)
                {
                    boxes[o] = detection;
                }
            }

            detections += boxes.Length;
            parsed[f] = new DetectionFrame(camera.Device.Id, index, at, boxes);
        }

        return errors.Count > 0 ? null : new CameraBatch(request.BatchId!, camera, parsed, detections, receivedTimestamp);
    }

    private static CameraDetection? ParseObject(DetectedObjectRequest? item, string field, int imageWidth, int imageHeight, List<FieldError> errors)
    {
        if (item is null)
        {
            errors.Add(new FieldError(field, "must not be null."));
            return null;
        }

        if (item.Class is not { } objectClass || !Enum.IsDefined(objectClass))
        {
            errors.Add(new FieldError(field + ".class", "is required: Person, Bicycle, Car, Motorcycle, Bus, Truck, Backpack, Handbag, Suitcase or Unknown."));
            return null;
        }

        if (item.Confidence is not { } confidence || !float.IsFinite(confidence) || confidence is < 0 or > 1)
        {
            errors.Add(new FieldError(field + ".confidence", "is required, between 0 and 1."));
            return null;
        }

        if (item.W is not { } w || !double.IsFinite(w) || w <= 0)
        {
            errors.Add(new FieldError(field + ".w", "is required and must be a positive width in pixels."));
            return null;
        }

        if (item.H is not { } h || !double.IsFinite(h) || h <= 0)
        {
            errors.Add(new FieldError(field + ".h", "is required and must be a positive height in pixels."));
            return null;
        }

        // A box may overhang the image edge (objects entering the view), but not lie wholly outside it.
        if (item.X is not { } x || !double.IsFinite(x) || x + w <= 0 || x >= imageWidth)
        {
            errors.Add(new FieldError(field + ".x", $"is required and the box must overlap the {imageWidth}-pixel-wide image."));
            return null;
        }

        if (item.Y is not { } y || !double.IsFinite(y) || y + h <= 0 || y >= imageHeight)
        {
            errors.Add(new FieldError(field + ".y", $"is required and the box must overlap the {imageHeight}-pixel-high image."));
            return null;
        }

        return new CameraDetection(new BoundingBox(x, y, w, h), confidence, objectClass);
    }

    /// <summary>"$.frames[2].objects[0].confidence" → "frames[2].objects[0].confidence".</summary>
    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
}
