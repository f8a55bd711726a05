using Vigil.Domain.Geo;
using Vigil.Domain.Reports;
using Vigil.Platform.Contracts;
using Vigil.Platform.Privacy;
using Xunit;

namespace Vigil.Platform.Tests.Privacy;

public sealed class LocationFuzzTests
{
    private static readonly GeoPoint Home = new(45.523064, -122.676483);

    [Fact]
    public void Fuzzed_point_is_stable_per_report_within_36_metres_and_differs_between_reports()
    {
        var a = LocationFuzz.Fuzz(Home, "R-AAAAA-AAAAA");
        Assert.Equal(a, LocationFuzz.Fuzz(Home, "R-AAAAA-AAAAA"));
        Assert.InRange(a.DistanceTo(Home), 0, 36);
        Assert.NotEqual(a, LocationFuzz.Fuzz(Home, "R-BBBBB-BBBBB"));
    }

    [Fact]
    public void Nearby_true_points_of_one_report_snap_to_the_same_cell_centre()
    {
        // Every point in a cell maps to its centre, so the public point says nothing about where inside the cell.
        var centre = LocationFuzz.Fuzz(Home, "R-AAAAA-AAAAA");
        var inside = 0;
        for (var north = -60; north <= 60; north += 3)
        {
            for (var east = -60; east <= 60; east += 3)
            {
                var fuzzed = LocationFuzz.Fuzz(Home.Offset(north, east), "R-AAAAA-AAAAA");
                Assert.InRange(fuzzed.DistanceTo(Home.Offset(north, east)), 0, 36);
                inside += fuzzed == centre ? 1 : 0;
            }
        }

        Assert.InRange(inside, 200, 350);
    }

    [Fact]
    public void Public_view_fuzzes_sensitive_categories_only_and_hides_tips()
    {
        var at = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        var report = new ReportView("R-AAAAA-AAAAA", "road-hazard", ReportStatus.InProgress, "Pothole", new GeoView(Home.Lat, Home.Lon), "12 Elm St",
            true, true, at, at.AddHours(1), "Crew on the way", "op1", 7);

        Assert.Equal(new GeoView(Home.Lat, Home.Lon), PublicReportView.From(report).Location);

        var noise = PublicReportView.From(report with { Category = "noise" });
        Assert.NotEqual(new GeoView(Home.Lat, Home.Lon), noise.Location);
        Assert.Equal("Crew on the way", noise.StatusNote);

        var tip = PublicReportView.From(report with { Category = ReportCategories.SuspiciousActivity });
        Assert.Equal(ReportStatus.InReview, tip.Status);
        Assert.Null(tip.Location);
        Assert.Null(tip.StatusNote);
        Assert.Equal(at, tip.UpdatedAt);
        Assert.Equal(ReportStatus.InReview, PublicReportView.From(report with { Category = ReportCategories.SuspiciousActivity, Status = ReportStatus.Resolved }).Status);
        Assert.Equal(ReportStatus.Received, PublicReportView.From(report with { Category = ReportCategories.SuspiciousActivity, Status = ReportStatus.Received }).Status);
    }
}
