using Vigil.CameraAnalytics.Detections;
using Vigil.CameraAnalytics.Mot;
using Vigil.CameraAnalytics.Tracking;

namespace Vigil.CameraAnalytics.Tests.Tracking;

public sealed class OfflineGapInterpolationTests
{
    private static MotRow Row(int frame, int id, double left, double width = 40, double confidence = 0.9) =>
        new(frame, id, new BoundingBox(left, 100, width, 100), confidence);

    [Fact]
    public void Fill_short_gap_gets_linearly_interpolated_boxes()
    {
        var tracks = MotSequence.FromRows([Row(1, 7, 10, 40, 0.9), Row(5, 7, 50, 80, 0.6)]);

        var filled = OfflineGapInterpolation.Fill(tracks, maxGap: 3);

        Assert.Equal(5, filled.Count);
        var middle = Assert.Single(filled.Frame(3).ToArray());
        Assert.Equal(7, middle.Id);
        Assert.Equal(30, middle.Box.Left, 9);
        Assert.Equal(60, middle.Box.Width, 9);
        Assert.Equal(0.6, middle.Confidence, 9);
        Assert.Equal(20, filled.Frame(2)[0].Box.Left, 9);
        Assert.Equal(40, filled.Frame(4)[0].Box.Left, 9);
    }

    [Fact]
    public void Fill_gap_longer_than_limit_is_left_open()
    {
        var tracks = MotSequence.FromRows([Row(1, 1, 10), Row(6, 1, 60)]);

        Assert.Equal(2, OfflineGapInterpolation.Fill(tracks, maxGap: 3).Count);
    }

    [Fact]
    public void Fill_one_id_ending_and_another_starting_are_never_joined()
    {
        // Track 1 ends where track 2 starts two frames later: an identity change, not a gap.
        var tracks = MotSequence.FromRows([Row(1, 1, 10), Row(3, 2, 30), Row(4, 2, 40)]);

        var filled = OfflineGapInterpolation.Fill(tracks, maxGap: 5);

        Assert.Equal(3, filled.Count);
        Assert.True(filled.Frame(2).IsEmpty);
    }
}
