using Vigil.Anomaly.Security;

namespace Vigil.Anomaly.Tests;

public sealed class SecuritySignalTests
{
    private static readonly long Second = TimeSpan.TicksPerSecond;

    [Fact]
    public void Burst_of_failed_authentications_is_flagged()
    {
        var detector = new AuthFailureBurstDetector(failures: 5, window: TimeSpan.FromMinutes(1));
        for (var i = 0; i < 4; i++)
        {
            Assert.False(detector.RecordFailure(i * Second));
        }

        Assert.True(detector.RecordFailure(4 * Second));
    }

    [Fact]
    public void Failures_spread_over_time_or_broken_by_a_success_are_not_a_burst()
    {
        var slow = new AuthFailureBurstDetector(failures: 5, window: TimeSpan.FromMinutes(1));
        for (var i = 0; i < 20; i++)
        {
            Assert.False(slow.RecordFailure(i * 30 * Second));
        }

        var reset = new AuthFailureBurstDetector(failures: 3, window: TimeSpan.FromMinutes(1));
        reset.RecordFailure(0);
        reset.RecordFailure(Second);
        reset.RecordSuccess();
        Assert.False(reset.RecordFailure(2 * Second));
    }

    [Fact]
    public void Message_rate_jump_is_flagged_once_per_bucket_and_steady_rates_are_not()
    {
        var detector = new MessageRateJumpDetector(new MessageRateOptions { Factor = 5, MinCount = 20, LearningBuckets = 10 });
        var minute = TimeSpan.TicksPerMinute;
        for (var m = 0; m < 30; m++)
        {
            for (var k = 0; k < 6; k++)
            {
                Assert.False(detector.Record((m * minute) + (k * 10 * Second)));
            }
        }

        Assert.Equal(6, detector.UsualCount, 6);
        var jumps = 0;
        for (var k = 0; k < 200; k++)
        {
            jumps += detector.Record((30 * minute) + (k * 100_000L)) ? 1 : 0;
        }

        Assert.Equal(1, jumps);
    }

    [Fact]
    public void Message_rate_state_round_trips()
    {
        var original = new MessageRateJumpDetector(new MessageRateOptions { LearningBuckets = 2 });
        for (var i = 0; i < 50; i++)
        {
            original.Record(i * 20 * Second);
        }

        var restored = new MessageRateJumpDetector(new MessageRateOptions { LearningBuckets = 2 });
        Assert.True(restored.TryReadState(original.SaveState()));
        for (var i = 0; i < 100; i++)
        {
            var t = (17 * TimeSpan.TicksPerMinute) + (i * Second / 10);
            Assert.Equal(original.Record(t), restored.Record(t));
        }
    }

    [Fact]
    public void One_key_used_from_more_places_than_allowed_is_flagged()
    {
        var detector = new KeyLocationSpreadDetector(maxPlaces: 2, window: TimeSpan.FromMinutes(10));
        Assert.False(detector.Record(0, 0xA));
        Assert.False(detector.Record(Second, 0xB));
        Assert.False(detector.Record(2 * Second, 0xA));
        Assert.True(detector.Record(3 * Second, 0xC));
    }

    [Fact]
    public void Origins_that_change_slowly_are_not_flagged()
    {
        var detector = new KeyLocationSpreadDetector(maxPlaces: 1, window: TimeSpan.FromMinutes(10));
        for (ulong i = 0; i < 10; i++)
        {
            Assert.False(detector.Record((long)i * 20 * TimeSpan.TicksPerMinute, i));
        }
    }

    [Fact]
    public void Location_far_from_registration_is_flagged()
    {
        // Portland City Hall to Pioneer Courthouse Square is about 390 m; to Seattle about 233 km.
        var detector = new LocationDriftDetector(45.5152, -122.6784, maxDistanceMetres: 1000);
        Assert.False(detector.IsFar(45.5189, -122.6793));
        Assert.True(detector.IsFar(47.6062, -122.3321));
        Assert.InRange(detector.DistanceMetres(47.6062, -122.3321), 230_000, 236_000);
    }
}
