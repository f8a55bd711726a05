using Vigil.Alerting.Outbreak;

namespace Vigil.Alerting.Tests.Outbreak;

public sealed class CountSeriesTests
{
    [Fact]
    public void Header_picks_the_named_count_column_and_labels()
    {
        Assert.True(CountSeries.TryRead(new StringReader("week,district,cases\n2025-W01,north,3\n2025-W02,north,NA\n2025-W03,north,7\n"), out var s, out var error), error);
        Assert.Equal(["2025-W01", "2025-W02", "2025-W03"], s!.Labels);
        Assert.Equal(3, s.Counts[0]);
        Assert.True(double.IsNaN(s.Counts[1]));
    }

    [Fact]
    public void Single_column_without_header_is_read()
    {
        Assert.True(CountSeries.TryRead(new StringReader("1\n2\n3\n"), out var s, out _));
        Assert.Equal([1.0, 2.0, 3.0], s!.Counts);
    }

    [Theory]
    [InlineData("count\n1\n-2\n", "line 3")]
    [InlineData("count\n1\nabc\n", "line 3")]
    [InlineData("count\n", "no counts")]
    public void Bad_rows_are_reported_with_their_line(string csv, string reason)
    {
        Assert.False(CountSeries.TryRead(new StringReader(csv), out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
