using System.Globalization;
using Vigil.Platform.Contracts;

namespace Vigil.Server.Outbreaks;

/// <summary>
/// Reads health counts in long CSV form: a header naming the columns date, syndrome, district and count (in any order,
/// case-insensitive; "week" may stand for date, "cases" for count), then one row per series and period. Dates are ISO
/// 8601 (yyyy-MM-dd); for weekly counts, the date of the week's first day.
/// </summary>
public static class HealthCountsCsv
{
    public const int MaxRows = 200_000;

    public static bool TryRead(TextReader reader, CountPeriod period, List<CountObservation> counts, out string? error)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(counts);
        error = null;
        int date = -1, syndrome = -1, district = -1, count = -1;
        var lineNumber = 0;
        var header = true;
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
                fields[i] = fields[i].Trim().Trim('"').Trim();
            }

            if (header)
            {
                for (var i = 0; i < fields.Length; i++)
                {
                    switch (fields[i].ToLowerInvariant())
                    {
                        case "date" or "week": date = i; break;
                        case "syndrome": syndrome = i; break;
                        case "district": district = i; break;
                        case "count" or "cases": count = i; break;
                    }
                }

                if (date < 0 || syndrome < 0 || district < 0 || count < 0)
                {
                    error = "line 1: the header must name the columns date, syndrome, district and count";
                    return false;
                }

                header = false;
                continue;
            }

            var width = Math.Max(Math.Max(date, syndrome), Math.Max(district, count)) + 1;
            if (fields.Length < width)
            {
                error = $"line {lineNumber}: expected {width} columns, found {fields.Length}";
                return false;
            }

            if (!DateOnly.TryParseExact(fields[date], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
            {
                error = $"line {lineNumber}: date \"{fields[date]}\" is not yyyy-MM-dd";
                return false;
            }

            if (!int.TryParse(fields[count], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 1_000_000)
            {
                error = $"line {lineNumber}: count \"{fields[count]}\" is not a whole number from 0 to 1000000";
                return false;
            }

            if (!HealthCounts.ValidName(fields[syndrome]) || !HealthCounts.ValidName(fields[district]))
            {
                error = $"line {lineNumber}: syndrome and district need 1 to 100 characters";
                return false;
            }

            if (counts.Count == MaxRows)
            {
                error = $"more than {MaxRows} rows; split the upload";
                return false;
            }

            counts.Add(new CountObservation(fields[syndrome], fields[district], period, start, n));
        }

        if (header)
        {
            error = "the file is empty";
            return false;
        }

        return true;
    }
}
