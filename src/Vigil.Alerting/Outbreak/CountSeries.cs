using System.Globalization;

namespace Vigil.Alerting.Outbreak;

/// <summary>
/// A daily or weekly count series (e.g. emergency-department visits for one syndrome in one district), read from CSV:
/// one row per period in time order, the count in a column named count, cases, observed or value (or the last column),
/// an optional label (date or week) in the first column. Empty and NA cells are missing periods.
/// </summary>
public sealed class CountSeries
{
    private static readonly string[] CountColumns = ["count", "cases", "observed", "value"];

    private CountSeries(string[] labels, double[] counts)
    {
        Labels = labels;
        Counts = counts;
    }

    public IReadOnlyList<string> Labels { get; }

    public double[] Counts { get; }

    public static bool TryRead(TextReader reader, out CountSeries? series, out string? error)
    {
        ArgumentNullException.ThrowIfNull(reader);
        series = null;
        error = null;
        var labels = new List<string>();
        var counts = new List<double>();
        var countColumn = -1;
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line) || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split(',');
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = fields[i].Trim().Trim('"');
            }

            if (countColumn < 0)
            {
                countColumn = HeaderColumn(fields);
                if (countColumn >= 0)
                {
                    continue;
                }

                countColumn = fields.Length - 1;
            }

            if (countColumn >= fields.Length)
            {
                error = $"line {lineNumber}: expected at least {countColumn + 1} columns";
                return false;
            }

            var cell = fields[countColumn];
            double count;
            if (cell.Length == 0 || cell.Equals("NA", StringComparison.OrdinalIgnoreCase))
            {
                count = double.NaN;
            }
            else if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out count) || !double.IsFinite(count) || count < 0)
            {
                error = $"line {lineNumber}: '{cell}' is not a count (a number zero or more, or NA)";
                return false;
            }

            labels.Add(fields.Length > 1 && countColumn != 0 ? fields[0] : (labels.Count + 1).ToString(CultureInfo.InvariantCulture));
            counts.Add(count);
        }

        if (counts.Count == 0)
        {
            error = "the file holds no counts";
            return false;
        }

        series = new CountSeries([.. labels], [.. counts]);
        return true;
    }

    // A header is a first row whose count cell is not a number; pick the named count column, else the last one.
    private static int HeaderColumn(string[] fields)
    {
        if (double.TryParse(fields[^1], NumberStyles.Float, CultureInfo.InvariantCulture, out _) || fields[^1].Equals("NA", StringComparison.OrdinalIgnoreCase))
        {
            return -1;
        }

        for (var i = 0; i < fields.Length; i++)
        {
            if (Array.IndexOf(CountColumns, fields[i].ToLowerInvariant()) >= 0)
            {
                return i;
            }
        }

        return fields.Length - 1;
    }
}
