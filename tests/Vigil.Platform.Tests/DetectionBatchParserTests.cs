using System.Text;
using Vigil.Domain.Devices;
using Vigil.Domain.Geo;
using Vigil.Platform.Cameras;
using Vigil.Platform.Ingest;

namespace Vigil.Platform.Tests;

public sealed class DetectionBatchParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static readonly DeviceEntry Camera = new(7, new Device
    {
        Id = "cam-7",
        Name = "Camera 7",
        Kind = DeviceKind.Camera,
        Location = new GeoPoint(44.49, 11.34),
        AgencyId = "police",
        Quantities = [new QuantitySpec("persons", "")],
        KeyHash = "x",
        RegisteredAt = Now,
    });

    [Fact]
    public void Valid_batch_parses_frames_in_order_with_their_boxes()
    {
        var batch = Parse("""{"batchId":"b","frames":[{"frame":4,"time":"2026-11-23T11:59:59Z","objects":[{"class":"Suitcase","confidence":0.8,"x":-10,"y":5,"w":40,"h":30}]},{"frame":5,"time":"2026-11-23T11:59:59.1Z","objects":[]}]}""", out var errors);

        Assert.Empty(errors);
        Assert.NotNull(batch);
        Assert.Equal(1, batch.DetectionCount);
        Assert.Equal([4L, 5L], batch.Frames.Select(f => f.FrameIndex));
        var box = Assert.Single(batch.Frames[0].Detections);
        Assert.Equal((Vigil.CameraAnalytics.Detections.ObjectClass.Suitcase, -10.0, 40.0), (box.Class, box.Box.Left, box.Box.Width));
    }

    [Theory]
    [InlineData("""{"batchId":"b","frames":[{"frame":2,"time":"2026-11-23T11:59:59Z"},{"frame":1,"time":"2026-11-23T11:59:59.1Z"}]}""", "frames[1].frame")]
    [InlineData("""{"batchId":"b","frames":[{"frame":1,"time":"2026-11-23T12:30:00Z"}]}""", "frames[0].time")]
    [InlineData("""{"batchId":"b","frames":[{"frame":1,"time":"2026-11-23T11:59:59Z","objects":[{"class":"Person","confidence":0.9,"x":1920,"y":5,"w":40,"h":30}]}]}""", "frames[0].objects[0].x")]
    [InlineData("""{"batchId":"b","frames":[{"frame":1,"time":"2026-11-23T11:59:59Z","objects":[{"class":"Person","confidence":0.9,"x":5,"y":5,"w":0,"h":30}]}]}""", "frames[0].objects[0].w")]
    [InlineData("""{"batchId":"b","frames":[{"frame":1,"time":"2026-11-23T11:59:59Z","objects":[{"class":"Face","confidence":0.9,"x":5,"y":5,"w":5,"h":30}]}]}""", "frames[0].objects[0].class")]
    [InlineData("""{"frames":[{"frame":1,"time":"2026-11-23T11:59:59Z"}]}""", "batchId")]
    [InlineData("""{"batchId":"b","frames":[]}""", "frames")]
    public void Bad_field_rejects_the_batch_and_is_named(string json, string field)
    {
        Assert.Null(Parse(json, out var errors));
        Assert.Contains(errors, e => e.Field == field);
    }

    private static CameraBatch? Parse(string json, out List<FieldError> errors)
    {
        errors = [];
        return new DetectionBatchParser(new FixedTime(Now)).Parse(Encoding.UTF8.GetBytes(json), Camera, 1920, 1080, 0, errors);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
