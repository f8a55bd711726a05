using Vigil.Forecasting.Data;

namespace Vigil.Forecasting.Tests;

public sealed class DataImportTests
{
    [Fact]
    public void Epsg2913_inverse_matches_proj_output_for_portland_row()
    {
        // Golden vector: incident 1 of the NIJ Portland CSV, whose lon/lat the data's PROVENANCE.md says were computed with PROJ.
        var p = Projection.OregonNorthFeet();
        var (lon, lat) = p.Inverse(7661410, 682295);
        Assert.Equal(-122.609715, lon, 5);
        Assert.Equal(45.518788, lat, 5);
    }

    [Fact]
    public void Epsg2913_forward_then_inverse_round_trips()
    {
        var p = Projection.OregonNorthFeet();
        var (x, y) = p.Forward(-122.684739, 45.577126);

        // Incident 2 of the NIJ CSV; within 3 ft (about 1 m), the size of the datum-shift rotations left out.
        Assert.InRange(x - 7642762, -3, 3);
        Assert.InRange(y - 704069, -3, 3);
        var (lon, lat) = p.Inverse(x, y);
        Assert.Equal(-122.684739, lon, 6);
        Assert.Equal(45.577126, lat, 6);
    }

    [Fact]
    public void Utm_zone10_matches_vpd_coordinates_within_metres()
    {
        // VPD incident 1 (Vancouver CSV): X/Y in NAD83 UTM 10N, lon/lat by PROJ; NAD83 and WGS84 differ by about a metre there.
        var p = Projection.Utm(10, true);
        var (x, y) = p.Forward(-123.086919, 49.263365);
        Assert.InRange(x - 493676.08, -2, 2);
        Assert.InRange(y - 5456737.08, -2, 2);
    }

    [Theory]
    [InlineData("EPSG:2913", "EPSG:2913")]
    [InlineData("utm10n", "EPSG:32610")]
    [InlineData("EPSG:32733", "EPSG:32733")]
    public void Projection_parse_known_names_resolves(string text, string expected)
    {
        Assert.True(Projection.TryParse(text, out var p));
        Assert.Equal(expected, p!.Name);
    }

    [Theory]
    [InlineData("EPSG:4326")]
    [InlineData("UTM61N")]
    [InlineData("")]
    public void Projection_parse_unknown_names_fails(string text) => Assert.False(Projection.TryParse(text, out _));

    [Fact]
    public void UtmZoneOf_vancouver_longitude_is_10() => Assert.Equal(10, Projection.UtmZoneOf(-123.1));

    [Fact]
    public void Csv_reader_reads_rows_sorted_and_counts_skips()
    {
        const string csv = """
            incident_id,occ_date,category,x_ft,y_ft
            1,2012-03-02,BURGLARY,100,200
            2,2012-03-01,"MOTOR VEHICLE THEFT",300,400
            3,2012-03-03,BURGLARY,,
            4,not-a-date,BURGLARY,1,1
            5,2012-03-04,BURGLARY,abc,1
            """;
        Assert.True(IncidentCsvReader.TryRead(new StringReader(csv), new IncidentCsvOptions(), out var result, out var error), error);
        Assert.Equal(5, result!.Rows);
        Assert.Equal(2, result.Incidents.Count);
        Assert.Equal(1, result.SkippedWithoutLocation);
        Assert.Equal(2, result.SkippedInvalid);
        Assert.Equal(2, result.FirstProblems.Count);
        Assert.Equal(300, result.Incidents.X[0]);
        Assert.Equal(IncidentCsvReader.ToDays(new DateTime(2012, 3, 1)), result.Incidents.Days[0]);
        Assert.Equal("MOTOR VEHICLE THEFT", result.Incidents.CategoryNames[result.Incidents.Category[0]]);
    }

    [Fact]
    public void Csv_reader_projects_lon_lat_when_given_a_projection()
    {
        const string csv = "occurred_local,type,lon,lat\n2020-01-01T00:00,Mischief,-123.086919,49.263365\n";
        var options = new IncidentCsvOptions { Projection = Projection.Utm(10, true) };
        Assert.True(IncidentCsvReader.TryRead(new StringReader(csv), options, out var result, out _));
        Assert.InRange(result!.Incidents.X[0], 493674, 493678);
        Assert.Equal(IncidentCsvReader.ToDays(new DateTime(2020, 1, 1)), result.Incidents.Days[0]);
    }

    [Fact]
    public void Csv_reader_without_time_column_names_the_problem()
    {
        Assert.False(IncidentCsvReader.TryRead(new StringReader("a,category,x,y\n1,B,1,1\n"), new IncidentCsvOptions(), out _, out var error));
        Assert.Contains("time column", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_reader_lon_lat_only_without_projection_is_refused()
    {
        Assert.False(IncidentCsvReader.TryRead(new StringReader("date,category,lon,lat\n2020-01-01,B,1,1\n"), new IncidentCsvOptions(), out _, out var error));
        Assert.Contains("projection", error, StringComparison.Ordinal);
    }

    [Fact]
    public void IncidentSet_between_and_category_filters()
    {
        var set = new IncidentSet([1, 2, 3], [1, 2, 3], [10, 5, 20], [0, 1, 0], ["A", "B"]);
        Assert.Equal([5.0, 10, 20], set.Days.ToArray());
        Assert.Equal(2, set.OfCategory(0).Count);
        Assert.Equal(1, set.Between(6, 20).Count);
        Assert.Equal(1, set.CategoryIndex("b"));
        Assert.Equal(-1, set.CategoryIndex("C"));
    }
}
