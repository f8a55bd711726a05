using Vigil.Anomaly.Detectors;

namespace Vigil.Anomaly.Tests;

public sealed class StateRoundTripTests
{
    public static TheoryData<string> CatalogNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in DetectorCatalog.Names)
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CatalogNames))]
    public void Restored_detector_continues_with_identical_output(string name)
    {
        var values = SyntheticSeries.Seasonal(days: 6, seed: 11);
        values[1200] += 15; // an anomaly before the checkpoint, so the state holds an alarm mask and tail scores
        Assert.True(DetectorCatalog.TryCreate(name, 300, out var original));
        const int checkpoint = 1203;
        for (var i = 0; i < checkpoint; i++)
        {
            original!.Observe(SyntheticSeries.TimeOf(i), values[i]);
        }

        var state = original!.SaveState();
        Assert.True(DetectorCatalog.TryCreate(name, 300, out var restored));
        Assert.True(restored!.TryReadState(state));
        Assert.Equal(state, restored.SaveState());

        for (var i = checkpoint; i < values.Length; i++)
        {
            var expected = original.Observe(SyntheticSeries.TimeOf(i), values[i]);
            var actual = restored.Observe(SyntheticSeries.TimeOf(i), values[i]);
            Assert.Equal(expected, actual);
        }
    }

    [Theory]
    [MemberData(nameof(CatalogNames))]
    public void Truncated_state_is_rejected_and_leaves_the_detector_unchanged(string name)
    {
        var values = SyntheticSeries.Seasonal(days: 3, seed: 5);
        Assert.True(DetectorCatalog.TryCreate(name, 100, out var source));
        for (var i = 0; i < 500; i++)
        {
            source!.Observe(SyntheticSeries.TimeOf(i), values[i]);
        }

        var state = source!.SaveState();
        Assert.True(DetectorCatalog.TryCreate(name, 100, out var target));
        for (var i = 0; i < 200; i++)
        {
            target!.Observe(SyntheticSeries.TimeOf(i), values[i] + 3);
        }

        var before = target!.SaveState();
        Assert.False(target.TryReadState(state.AsSpan(0, state.Length - 1)));
        Assert.False(target.TryReadState(state.AsSpan(0, state.Length / 2)));
        Assert.Equal(before, target.SaveState());
    }

    [Fact]
    public void Checkpoint_of_the_previous_combiner_version_is_refused_and_leaves_the_detector_unchanged()
    {
        // Checkpoints from before the noise gate carry combiner version 3 (and those from before the range-break part,
        // version 2); they must be refused by the header (the device then learns afresh), never read into the gated
        // four-part detector.
        var values = SyntheticSeries.Seasonal(days: 2, seed: 9);
        Assert.True(DetectorCatalog.TryCreate(DetectorCatalog.DefaultName, 100, out var detector));
        for (var i = 0; i < 400; i++)
        {
            detector!.Observe(SyntheticSeries.TimeOf(i), values[i]);
        }

        var state = detector!.SaveState();
        const int versionOffset = 4; // after the four-byte tag
        Assert.Equal(4, state[versionOffset]);
        var before = detector.SaveState();
        for (byte version = 2; version <= 3; version++)
        {
            state[versionOffset] = version;
            Assert.False(detector.TryReadState(state));
            Assert.Equal(before, detector.SaveState());
        }
    }

    [Fact]
    public void State_of_another_detector_kind_is_rejected()
    {
        var seasonal = new SeasonalBaselineDetector();
        var levelShift = new LevelShiftDetector();
        for (var i = 0; i < 50; i++)
        {
            seasonal.Observe(SyntheticSeries.TimeOf(i), i);
            levelShift.Observe(SyntheticSeries.TimeOf(i), i);
        }

        Assert.False(levelShift.TryReadState(seasonal.SaveState()));
        Assert.False(new KnnConformalDetector().TryReadState(levelShift.SaveState()));
    }

    [Fact]
    public void State_shaped_for_other_options_is_rejected()
    {
        var small = new KnnConformalDetector(new KnnConformalOptions { History = 32 });
        for (var i = 0; i < 100; i++)
        {
            small.Observe(SyntheticSeries.TimeOf(i), i % 7);
        }

        Assert.False(new KnnConformalDetector(new KnnConformalOptions { History = 64 }).TryReadState(small.SaveState()));
    }
}
