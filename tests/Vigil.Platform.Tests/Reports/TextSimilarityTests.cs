using Vigil.Domain.Reports;
using Vigil.Platform.Contracts;
using Vigil.Platform.Reports;
using Xunit;

namespace Vigil.Platform.Tests.Reports;

public sealed class TextSimilarityTests
{
    [Fact]
    public void Identical_text_scores_one_and_unrelated_text_near_zero()
    {
        Assert.Equal(1, TextSimilarity.Trigram("Deep pothole", "deep  POTHOLE!"));
        Assert.InRange(TextSimilarity.Trigram("Deep pothole on Main St", "Street light out"), 0, 0.1);
        Assert.Equal(0, TextSimilarity.Trigram("", "anything"));
    }

    [Fact]
    public void Spelling_variants_score_well_above_unrelated_text()
    {
        var variant = TextSimilarity.Trigram("big pothole near the school", "huge pot hole by the school");
        var unrelated = TextSimilarity.Trigram("big pothole near the school", "water leaking from hydrant");
        Assert.True(variant > 0.3, $"variant {variant}");
        Assert.True(variant > 3 * unrelated, $"variant {variant}, unrelated {unrelated}");
    }
}

public sealed class DuplicateFinderTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static ReportView Report(string ticket, string category, double north, double hours, string text) =>
        new(ticket, category, ReportStatus.Received, text, new GeoView(45.52 + (north / 111_195), -122.68), null, false, false,
            At.AddHours(hours), At.AddHours(hours), null, null, null);

    [Fact]
    public void Suggests_same_category_nearby_and_recent_ranked_by_closeness_and_text()
    {
        var report = Report("R-0", "road-hazard", 0, 0, "Deep pothole in the left lane");
        var candidates = new[]
        {
            report,
            Report("R-near-same", "road-hazard", 20, 2, "deep pothole left lane"),
            Report("R-near-other-text", "road-hazard", 30, 5, "fallen sign"),
            Report("R-far", "road-hazard", 400, 1, "Deep pothole in the left lane"),
            Report("R-old", "road-hazard", 10, -100, "Deep pothole in the left lane"),
            Report("R-other-category", "flooding", 5, 1, "Deep pothole in the left lane"),
            Report("R-merged", "road-hazard", 5, 1, "Deep pothole in the left lane") with { DuplicateOf = "R-near-same" },
        };

        var found = new DuplicateFinder(150, 72).Find(report, candidates, 10);

        Assert.Equal(["R-near-same", "R-near-other-text"], found.Select(f => f.Ticket));
        Assert.InRange(found[0].DistanceMetres!.Value, 19, 21);
        Assert.True(found[0].TextSimilarity > 0.5);
        Assert.Single(new DuplicateFinder(150, 72).Find(report, candidates, 1));
    }

    [Fact]
    public void Reports_without_a_map_point_match_on_text_only_when_it_is_similar()
    {
        var report = Report("R-0", "noise", 0, 0, "Loud music every night from the bar") with { Location = null, LocationText = "Corner of 5th and Pine" };
        var similar = Report("R-1", "noise", 0, 1, "loud music from the bar at night") with { Location = null, LocationText = "5th & Pine" };
        var unrelated = Report("R-2", "noise", 0, 1, "Dog barking") with { Location = null, LocationText = "Elm Street" };

        var found = new DuplicateFinder().Find(report, [similar, unrelated], 10);

        Assert.Equal(["R-1"], found.Select(f => f.Ticket));
        Assert.Null(found[0].DistanceMetres);
    }
}
