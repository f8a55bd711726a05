using Vigil.CameraAnalytics.Detections;
using Vigil.CameraAnalytics.Tracking;

namespace Vigil.CameraAnalytics.Tests.Tracking;

public sealed class ByteTrackerTests
{
    private static Detection Person(double left, double top = 100, float score = 0.9f) => new(new BoundingBox(left, top, 40, 100), score);

    private static TrackedObject[] Step(ByteTracker tracker, params Detection[] detections)
    {
        var output = new TrackedObject[Math.Max(1, detections.Length)];
        var n = tracker.Update(detections, output);
        return output[..n];
    }

    [Fact]
    public void Update_object_moving_at_constant_speed_keeps_one_id()
    {
        var tracker = new ByteTracker();
        var ids = new HashSet<int>();
        for (var f = 0; f < 100; f++)
        {
            foreach (var t in Step(tracker, Person(10 + (5 * f))))
            {
                ids.Add(t.TrackId);
            }
        }

        Assert.Single(ids);
    }

    [Fact]
    public void Update_velocity_estimate_converges_to_true_motion()
    {
        var tracker = new ByteTracker();
        TrackedObject[] last = [];
        for (var f = 0; f < 60; f++)
        {
            last = Step(tracker, Person(10 + (4 * f), 100 + (2 * f)));
        }

        Assert.Equal(4, last[0].VelocityX, 1);
        Assert.Equal(2, last[0].VelocityY, 1);
    }

    [Fact]
    public void Update_new_object_after_first_frame_is_reported_only_once_confirmed()
    {
        var tracker = new ByteTracker();
        Step(tracker, Person(10));
        Assert.Single(Step(tracker, Person(12), Person(300)));
        Assert.Equal(1, tracker.CountInState(TrackState.Tentative));
        var third = Step(tracker, Person(14), Person(302));
        Assert.Equal(2, third.Length);
        Assert.Equal(0, tracker.CountInState(TrackState.Tentative));
    }

    [Fact]
    public void Update_tentative_track_missing_its_second_frame_is_removed()
    {
        var tracker = new ByteTracker();
        Step(tracker, Person(10));
        Step(tracker, Person(12), Person(300));
        Step(tracker, Person(14));
        Assert.Equal(0, tracker.CountInState(TrackState.Tentative));
        Assert.Equal(1, tracker.CountInState(TrackState.Tracked));
    }

    [Fact]
    public void Update_box_widening_at_fixed_height_is_followed_within_three_frames()
    {
        // A person turning side-on, or a bag picked up: the width changes, the height does not. Width noise scaled to
        // the width lets the filter follow; a fixed aspect-ratio noise (DeepSORT's model) lags by about 30 px here.
        var tracker = new ByteTracker();
        for (var f = 0; f < 10; f++)
        {
            Step(tracker, new Detection(new BoundingBox(100, 100, 40, 120), 0.9f));
        }

        TrackedObject[] last = [];
        for (var f = 0; f < 3; f++)
        {
            last = Step(tracker, new Detection(new BoundingBox(80, 100, 80, 120), 0.9f));
        }

        var box = Assert.Single(last).Box;
        Assert.InRange(box.Width, 72, 88);
        Assert.InRange(box.Height, 118, 122);
        Assert.InRange(box.CenterX, 118, 122);
    }

    [Fact]
    public void Update_occluded_object_reappearing_within_buffer_keeps_its_id()
    {
        var tracker = new ByteTracker(new ByteTrackerOptions { FrameRate = 30, LostTrackBufferAt30Fps = 30 });
        var id = 0;
        for (var f = 0; f < 10; f++)
        {
            id = Step(tracker, Person(10 + (3 * f)))[0].TrackId;
        }

        for (var f = 10; f < 25; f++)
        {
            Assert.Empty(Step(tracker));
        }

        Assert.Equal(1, tracker.CountInState(TrackState.Lost));
        var back = Step(tracker, Person(10 + (3 * 25)));
        Assert.Equal(id, Assert.Single(back).TrackId);
    }

    [Fact]
    public void Update_lost_track_dies_after_buffer()
    {
        var tracker = new ByteTracker(new ByteTrackerOptions { FrameRate = 30, LostTrackBufferAt30Fps = 5 });
        Step(tracker, Person(10));
        Step(tracker, Person(10));
        for (var f = 0; f < 5; f++)
        {
            Step(tracker);
        }

        Assert.Equal(1, tracker.CountInState(TrackState.Lost));
        Step(tracker);
        Assert.Equal(0, tracker.CountInState(TrackState.Lost));
    }

    [Fact]
    public void Update_low_score_detection_extends_track_but_does_not_start_one()
    {
        var tracker = new ByteTracker();
        var id = Step(tracker, Person(10))[0].TrackId;
        Step(tracker, Person(12));

        // An occluded person: the detector is unsure (0.3), but the second association keeps the track.
        var kept = Step(tracker, Person(14, score: 0.3f), Person(400, score: 0.3f));
        Assert.Equal(id, Assert.Single(kept).TrackId);
        Assert.Equal(1, tracker.CountInState(TrackState.Tracked));
        Assert.Equal(0, tracker.CountInState(TrackState.Tentative));
    }

    [Fact]
    public void Update_detections_of_another_class_do_not_match()
    {
        var tracker = new ByteTracker();
        var id = Step(tracker, Person(10))[0].TrackId;
        var bag = new Detection(new BoundingBox(10, 100, 40, 100), 0.9f, ObjectClass.Suitcase);
        Assert.Empty(Step(tracker, bag));
        Assert.Equal(1, tracker.CountInState(TrackState.Lost));
        Assert.Equal(1, tracker.CountInState(TrackState.Tentative));
        Assert.NotEqual(0, id);
    }

    [Fact]
    public void Update_same_input_twice_gives_identical_output()
    {
        var a = Run();
        var b = Run();
        Assert.Equal(a, b);

        static List<TrackedObject> Run()
        {
            var rng = new Random(42);
            var tracker = new ByteTracker();
            var all = new List<TrackedObject>();
            for (var f = 0; f < 200; f++)
            {
                var dets = new Detection[20];
                for (var i = 0; i < dets.Length; i++)
                {
                    dets[i] = Person((i * 45) + (f % 50) + rng.NextDouble(), 100 + rng.NextDouble(), (float)(0.2 + (0.8 * rng.NextDouble())));
                }

                all.AddRange(Step(tracker, dets));
            }

            return all;
        }
    }

    [Fact]
    public void Options_invalid_thresholds_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new ByteTracker(new ByteTrackerOptions { LowScoreThreshold = 0.8f, HighScoreThreshold = 0.5f }));
        Assert.Throws<ArgumentException>(() => new ByteTracker(new ByteTrackerOptions { FrameRate = 0 }));
    }

    [Fact]
    public void Options_lost_buffer_scales_with_frame_rate()
    {
        Assert.Equal(25, new ByteTrackerOptions { FrameRate = 25 }.MaxFramesLost);
        Assert.Equal(60, new ByteTrackerOptions { FrameRate = 60 }.MaxFramesLost);
    }
}
