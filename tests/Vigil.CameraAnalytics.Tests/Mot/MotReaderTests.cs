using Vigil.CameraAnalytics.Mot;

namespace Vigil.CameraAnalytics.Tests.Mot;

public sealed class MotReaderTests
{
    [Fact]
    public void TryRead_float_ids_and_spaces_are_accepted()
    {
        var text = "1, 3.0, 10.5, 20.25, 30, 40, -1, -1, -1, -1\n\n2,3.0,11,21,30,40,0.9,-1,-1,-1\n";
        Assert.True(MotReader.TryRead(new StringReader(text), out var seq, out var error), error);
        Assert.Equal(2, seq.Count);
        Assert.Equal(3, seq.Frame(1)[0].Id);
        Assert.Equal(20.25, seq.Frame(1)[0].Box.Top);
        Assert.Equal(0.9, seq.Frame(2)[0].Confidence, 6);
    }

    [Fact]
    public void TryRead_nine_columns_reads_class_and_visibility()
    {
        Assert.True(MotReader.TryRead(new StringReader("1,1,0,0,10,10,1,7,0.25"), out var seq, out _));
        Assert.Equal(7, seq.Rows[0].Class);
        Assert.Equal(0.25, seq.Rows[0].Visibility);
    }

    [Fact]
    public void TryRead_rows_out_of_order_are_grouped_by_frame_in_file_order()
    {
        var text = "3,1,0,0,1,1\n1,5,0,0,1,1\n3,2,0,0,1,1\n1,4,0,0,1,1";
        Assert.True(MotReader.TryRead(new StringReader(text), out var seq, out _));
        Assert.Equal(1, seq.FirstFrame);
        Assert.Equal(3, seq.LastFrame);
        Assert.Equal([5, 4], [seq.Frame(1)[0].Id, seq.Frame(1)[1].Id]);
        Assert.True(seq.Frame(2).IsEmpty);
        Assert.Equal([1, 2], [seq.Frame(3)[0].Id, seq.Frame(3)[1].Id]);
        Assert.True(seq.Frame(99).IsEmpty);
    }

    [Theory]
    [InlineData("1,1,0,0,10", "line 1", "at least 6")]
    [InlineData("1,1,0,0,10,10\n2,x,0,0,10,10", "line 2", "column 2")]
    [InlineData("1.5,1,0,0,10,10", "line 1", "frame")]
    [InlineData("1,1,0,0,-10,10", "line 1", "width")]
    [InlineData("1,1,0,0,NaN,10", "line 1", "column 5")]
    public void TryRead_malformed_line_reports_line_and_problem(string text, string line, string problem)
    {
        Assert.False(MotReader.TryRead(new StringReader(text), out _, out var error));
        Assert.Contains(line, error, StringComparison.Ordinal);
        Assert.Contains(problem, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryReadFile_missing_file_fails_with_path()
    {
        Assert.False(MotReader.TryReadFile("/nonexistent/gt.txt", out _, out var error));
        Assert.Contains("/nonexistent/gt.txt", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_then_read_round_trips()
    {
        var rows = new[] { new MotRow(1, 7, new(1.5, 2.25, 30, 60), 0.875), new MotRow(2, 7, new(2, 3, 31, 61), 1) };
        var writer = new StringWriter();
        MotWriter.Write(writer, rows);
        Assert.True(MotReader.TryRead(new StringReader(writer.ToString()), out var seq, out _));
        Assert.Equal(rows[0].Box, seq.Rows[0].Box);
        Assert.Equal(0.875, seq.Rows[0].Confidence);
        Assert.Equal(7, seq.Rows[1].Id);
    }
}
