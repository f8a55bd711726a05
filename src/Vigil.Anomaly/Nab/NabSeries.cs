using System.Globalization;

namespace Vigil.Anomaly.Nab;

/// <summary>One NAB data file: rows of <c>timestamp,value</c> in time order.</summary>
public sealed class NabSeries
{
    private NabSeries(long[] timestamps, double[] values)
    {
        Timestamps = timestamps;
        Values = values;
    }

    /// <summary>UTC ticks of each row.</summary>
    public long[] Timestamps { get; }

    public double[] Values { get; }

    public int Count => Values.Length;

    /// <summary>
    /// Reads a NAB CSV (header <c>timestamp,value</c>). Fails with a message naming the line when a row
    /// does not parse or time goes backwards.
    /// </summary>
    public static bool TryRead(TextReader reader, out NabSeries? series, out string? error)
    {
        ArgumentNullException.ThrowIfNull(reader);
        series = null;
        var header = reader.ReadLine();
        if (header is null || !header.Trim().Equals("timestamp,value", StringComparison.OrdinalIgnoreCase))
        {
            error = "expected the header 'timestamp,value'";
            return false;
        }

        var timestamps = new List<long>(4096);
        var values = new List<double>(4096);
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var comma = line.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0)
            {
                error = $"line {lineNumber}: expected 'timestamp,value'";
                return false;
            }

            var span = line.AsSpan();
            if (!NabTimestamp.TryParse(span[..comma], out var ticks))
            {
                error = $"line {lineNumber}: timestamp '{line[..comma]}' is not 'YYYY-MM-DD HH:MM:SS'";
                return false;
            }

            if (!double.TryParse(span[(comma + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                error = $"line {lineNumber}: value '{line[(comma + 1)..]}' is not a finite number";
                return false;
            }

            if (timestamps.Count > 0 && ticks < timestamps[^1])
            {
                error = $"line {lineNumber}: timestamp goes backwards";
                return false;
            }

            timestamps.Add(ticks);
            values.Add(value);
        }

        series = new NabSeries([.. timestamps], [.. values]);
        error = null;
        return true;
    }

    /// <summary>Builds a series from arrays already in memory (tests, synthetic data).</summary>
    public static NabSeries FromArrays(long[] timestamps, double[] values)
    {
        ArgumentNullException.ThrowIfNull(timestamps);
        ArgumentNullException.ThrowIfNull(values);
        if (timestamps.Length != values.Length)
        {
            throw new ArgumentException("timestamps and values differ in length", nameof(values));
        }

        return new NabSeries(timestamps, values);
    }
}
