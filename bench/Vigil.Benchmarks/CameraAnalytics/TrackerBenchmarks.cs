using BenchmarkDotNet.Attributes;
using Vigil.CameraAnalytics.Detections;
using CameraDetection = Vigil.CameraAnalytics.Detections.Detection;
using Vigil.CameraAnalytics.Tracking;

namespace Vigil.Benchmarks.CameraAnalytics;

/// <summary>
/// Tracker throughput on one core: 1,000 frames of a synthetic scene with 30 detections per frame, reported per frame
/// (OperationsPerInvoke). The goal is at least 10,000 frames/s, i.e. at most 100 µs per frame.
/// </summary>
[MemoryDiagnoser]
public class TrackerBenchmarks
{
    private const int Frames = 1000;
    private CameraDetection[][] _scene = [];
    private TrackedObject[] _output = [];

    [Params(30)]
    public int DetectionsPerFrame { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _scene = SyntheticScene.Generate(Frames, DetectionsPerFrame, seed: 2026);
        _output = new TrackedObject[DetectionsPerFrame * 2];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Frames)]
    public int GreedyIou()
    {
        var tracker = new GreedyIouTracker();
        var sum = 0;
        foreach (var frame in _scene)
        {
            sum += tracker.Update(frame);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Frames)]
    public int ByteTrack()
    {
        var tracker = new ByteTracker();
        var sum = 0;
        foreach (var frame in _scene)
        {
            sum += tracker.Update(frame, _output);
        }

        return sum;
    }
}
