using System.Globalization;

namespace Vigil.Forecasting.Data;

/// <summary>
/// Reads incident history (time, place, category) from CSV. Rows without a location are counted and left out
/// (VPD publishes none for offences against a person); malformed rows are counted with the first few reasons kept.
/// </summary>
public static class IncidentCsvReader
{
    private const int MaxProblemsKept = 5;
    private static readonly DateTime Epoch = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly string[] TimeFormats = ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK"];

    /// <summary>Reads the whole CSV. Returns false with a message naming the problem when the header lacks a required column.</summary>
    public static bool TryRead(TextReader reader, IncidentCsvOptions options, out IncidentCsvReadResult? result, out string? error)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(options);
        result = null;
        var header = reader.ReadLine();
        if (header is null)
        {
            error = "The CSV is empty (no header line).";
            return false;
        }

        var names = SplitHeader(header);
        var time = Find(names, options.TimeColumn, IncidentCsvOptions.TimeNames);
        var cat = Find(names, options.CategoryColumn, IncidentCsvOptions.CategoryNames);
        var xCol = Find(names, options.XColumn, IncidentCsvOptions.XNames);
        var yCol = Find(names, options.YColumn, IncidentCsvOptions.YNames);
        var lonCol = Find(names, options.LonColumn, IncidentCsvOptions.LonNames);
        var latCol = Find(names, options.LatColumn, IncidentCsvOptions.LatNames);
        if (time < 0)
        {
            error = $"No time column: expected {options.TimeColumn ?? string.Join('/', IncidentCsvOptions.TimeNames)} in the header '{header}'.";
            return false;
        }

        if (cat < 0)
        {
            error = $"No category column: expected {options.CategoryColumn ?? string.Join('/', IncidentCsvOptions.CategoryNames)} in the header '{header}'.";
            return false;
        }

        var useLonLat = options.Projection is not null && lonCol >= 0 && latCol >= 0;
        if (!useLonLat && (xCol < 0 || yCol < 0))
        {
            error = options.Projection is null
                ? $"No projected x/y columns in the header '{header}'; give the column names, or a projection to use lon/lat."
                : $"Neither projected x/y nor lon/lat columns in the header '{header}'.";
            return false;
        }

        var colA = useLonLat ? lonCol : xCol;
        var colB = useLonLat ? latCol : yCol;
        var xs = new List<double>();
        var ys = new List<double>();
        var ts = new List<double>();
        var cs = new List<int>();
        var categoryIndex = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var categoryNames = new List<string>();
        var problems = new List<string>();
        int rows = 0, noLocation = 0, invalid = 0;
        Span<Range> ranges = stackalloc Range[Math.Max(names.Length, 1)];
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length == 0)
            {
                continue;
            }

            rows++;
            var span = line.AsSpan();
            var n = CsvFields.Split(span, ranges);
            if (n < names.Length)
            {
                Reject(ref invalid, problems, rows, $"{n} fields where the header has {names.Length}");
                continue;
            }

            var aText = span[ranges[colA]].Trim();
            var bText = span[ranges[colB]].Trim();
            if (aText.IsEmpty || bText.IsEmpty)
            {
                noLocation++;
                continue;
            }

            if (!double.TryParse(aText, NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
                || !double.TryParse(bText, NumberStyles.Float, CultureInfo.InvariantCulture, out var b)
                || !double.IsFinite(a) || !double.IsFinite(b))
            {
                Reject(ref invalid, problems, rows, $"coordinates '{aText}', '{bText}' are not numbers");
                continue;
            }

            if (useLonLat && (a is < -180 or > 180 || b is < -90 or > 90))
            {
                Reject(ref invalid, problems, rows, $"lon/lat {a}, {b} out of range");
                continue;
            }

            var timeText = span[ranges[time]].Trim();
            if (!DateTime.TryParseExact(timeText, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var when))
            {
                Reject(ref invalid, problems, rows, $"time '{timeText}' is not ISO 8601 (yyyy-MM-dd[THH:mm[:ss]])");
                continue;
            }

            var category = CsvFields.Text(span, ranges[cat]);
            if (category.Length == 0)
            {
                Reject(ref invalid, problems, rows, "empty category");
                continue;
            }

            if (!categoryIndex.TryGetValue(category, out var ci))
            {
                ci = categoryNames.Count;
                categoryIndex.Add(category, ci);
                categoryNames.Add(category);
            }

            if (useLonLat)
            {
                (a, b) = options.Projection!.Forward(a, b);
            }

            xs.Add(a);
            ys.Add(b);
            ts.Add((when - Epoch).TotalDays);
            cs.Add(ci);
        }

        var set = new IncidentSet([.. xs], [.. ys], [.. ts], [.. cs], [.. categoryNames]);
        result = new IncidentCsvReadResult(set, rows, noLocation, invalid, problems);
        error = null;
        return true;
    }

    /// <summary>Converts a date to the incident time scale (days since 1970-01-01).</summary>
    public static double ToDays(DateTime when) => (DateTime.SpecifyKind(when, DateTimeKind.Utc) - Epoch).TotalDays;

    /// <summary>Converts days since 1970-01-01 back to a date.</summary>
    public static DateTime FromDays(double days) => Epoch.AddDays(days);

    private static void Reject(ref int invalid, List<string> problems, int row, string why)
    {
        invalid++;
        if (problems.Count < MaxProblemsKept)
        {
            problems.Add($"row {row}: {why}");
        }
    }

    private static string[] SplitHeader(string header)
    {
        Span<Range> ranges = stackalloc Range[256];
        var n = Math.Min(CsvFields.Split(header, ranges), ranges.Length);
        var names = new string[n];
        for (var i = 0; i < n; i++)
        {
            names[i] = CsvFields.Text(header, ranges[i]).TrimStart('\uFEFF');
        }

        return names;
    }

    private static int Find(string[] names, string? wanted, string[] usual)
    {
        if (wanted is not null)
        {
            return Array.FindIndex(names, n => string.Equals(n, wanted, StringComparison.OrdinalIgnoreCase));
        }

        foreach (var candidate in usual)
        {
            var i = Array.FindIndex(names, n => string.Equals(n, candidate, StringComparison.OrdinalIgnoreCase));
            if (i >= 0)
            {
                return i;
            }
        }

        return -1;
    }
}
