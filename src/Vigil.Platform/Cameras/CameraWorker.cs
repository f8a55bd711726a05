using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Vigil.CameraAnalytics.Behaviour;
using Vigil.CameraAnalytics.Tracking;
using Vigil.Platform.Diagnostics;
using Vigil.Platform.Ingest;
using Vigil.Platform.Operations;

namespace Vigil.Platform.Cameras;

/// <summary>
/// Tracks the cameras of one partition and runs their behaviour rules. It alone owns their trackers and rule state,
/// so nothing here is locked; per frame, only behaviour events allocate.
/// </summary>
internal sealed partial class CameraWorker(
    ChannelReader<CameraBatch> reader,
    CameraRegistry cameras,
    CameraActivity activity,
    OperationsDesk desk,
    VigilMetrics metrics,
    ILogger logger)
{
    private readonly Dictionary<int, CameraState> _states = [];
    private readonly List<BehaviourEvent> _events = [];
    private readonly List<CameraSighting> _sightings = [];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (reader.TryRead(out var batch))
            {
                try
                {
                    if (StateFor(batch.Camera) is { } state)
                    {
                        Process(state, batch);
                        if (_sightings.Count > 0)
                        {
                            await desk.SubmitCameraSightingsAsync(batch.Camera, [.. _sightings], batch.ReceivedTimestamp, cancellationToken).ConfigureAwait(false);
                        }
                    }
                }
                finally
                {
                    metrics.AddQueueDepth(-batch.DetectionCount);
                }
            }
        }
    }

    private void Process(CameraState state, CameraBatch batch)
    {
        _sightings.Clear();
        var firstNew = state.NewEvents;
        foreach (var frame in batch.Frames)
        {
            // A batch that overlaps what was already tracked (a replay, a camera resending) is skipped frame by frame.
            if (frame.FrameIndex <= state.LastFrameIndex || frame.Time < state.LastFrameTime)
            {
                continue;
            }

            _events.Clear();
            state.Track(frame, _events);
            foreach (var e in _events)
            {
                var alarmed = CameraAlarmPolicy.TryClassify(e.Kind, out _, out _, out _);
                var location = state.Locate(e.Box.FootX, e.Box.FootY);
                state.Remember(e, location, alarmed);
                if (alarmed)
                {
                    _sightings.Add(new CameraSighting(e, location ?? batch.Camera.Device.Location));
                }
            }
        }

        Log.Tracked(logger, batch.Camera.Device.Id, batch.Frames.Count, state.NewEvents - firstNew);
        activity.Publish(batch.Camera.Device.Id, state.RecentTracks(), state.RecentEvents());
    }

    private CameraState? StateFor(DeviceEntry entry)
    {
        var config = cameras.Find(entry.Device.Id);
        if (config is null)
        {
            _states.Remove(entry.Ordinal);
            return null;
        }

        // A new configuration, or the device re-registered (or moved), gets a fresh tracker and fresh rule state.
        if (_states.TryGetValue(entry.Ordinal, out var known) && ReferenceEquals(known.Entry, entry) && ReferenceEquals(known.Config, config))
        {
            return known;
        }

        var errors = new List<FieldError>();
        var setup = CameraConfigCompiler.TryCompile(entry.Device.Id, entry.Device.Location, config.Config, config.UpdatedAt, errors);
        if (setup is null || !BehaviourEngine.TryCreate(setup.Model, setup.Zones, setup.Rules, out var engine, out _))
        {
            // Stored configurations were validated when saved; this only happens if validation rules became stricter.
            Log.ConfigurationRejected(logger, entry.Device.Id, errors.Count > 0 ? errors[0].Message : "rules rejected");
            _states.Remove(entry.Ordinal);
            return null;
        }

        var state = new CameraState(entry, config, setup, engine!);
        _states[entry.Ordinal] = state;
        return state;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2601, Level = LogLevel.Debug, Message = "Camera {CameraId}: tracked {Frames} frames, {Events} behaviour events")]
        public static partial void Tracked(ILogger logger, string cameraId, int frames, int events);

        [LoggerMessage(EventId = 2602, Level = LogLevel.Warning, Message = "Camera {CameraId}: stored configuration no longer compiles ({Reason}); its detections are not tracked")]
        public static partial void ConfigurationRejected(ILogger logger, string cameraId, string reason);
    }
}
