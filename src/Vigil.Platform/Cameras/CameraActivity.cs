using System.Collections.Concurrent;

namespace Vigil.Platform.Cameras;

/// <summary>
/// What each camera's worker last published: its recent tracks and events. A worker replaces a camera's snapshot once
/// per batch (never per frame), and readers take whatever snapshot is current, so the tracker's thread takes no lock.
/// </summary>
public sealed class CameraActivity
{
    private readonly ConcurrentDictionary<string, Snapshot> _byCamera = new(StringComparer.Ordinal);

    public void Publish(string cameraId, IReadOnlyList<CameraTrackView> tracks, IReadOnlyList<CameraEventView> events) =>
        _byCamera[cameraId] = new Snapshot(tracks, events);

    public void Forget(string cameraId) => _byCamera.TryRemove(cameraId, out _);

    public IReadOnlyList<CameraTrackView> Tracks(string cameraId) =>
        _byCamera.TryGetValue(cameraId, out var snapshot) ? snapshot.Tracks : [];

    public IReadOnlyList<CameraEventView> Events(string cameraId) =>
        _byCamera.TryGetValue(cameraId, out var snapshot) ? snapshot.Events : [];

    private sealed record Snapshot(IReadOnlyList<CameraTrackView> Tracks, IReadOnlyList<CameraEventView> Events);
}
