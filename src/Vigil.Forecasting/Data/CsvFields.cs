namespace Vigil.Forecasting.Data;

/// <summary>Splits one CSV line (RFC 4180 quoting, no embedded newlines) into field ranges without allocating per field.</summary>
internal static class CsvFields
{
    /// <summary>Writes up to <c>ranges.Length</c> field ranges; returns the number of fields on the line.</summary>
    public static int Split(ReadOnlySpan<char> line, Span<Range> ranges)
    {
        var count = 0;
        var i = 0;
        while (true)
        {
            int start, end;
            if (i < line.Length && line[i] == '"')
            {
                start = i + 1;
                var j = start;
                while (j < line.Length)
                {
                    if (line[j] == '"')
                    {
                        if (j + 1 < line.Length && line[j + 1] == '"')
                        {
                            j += 2;
                            continue;
                        }

                        break;
                    }

                    j++;
                }

                end = j;
                i = j + 1;
                while (i < line.Length && line[i] != ',')
                {
                    i++;
                }
            }
            else
            {
                start = i;
                while (i < line.Length && line[i] != ',')
                {
                    i++;
                }

                end = i;
            }

            if (count < ranges.Length)
            {
                ranges[count] = new Range(start, end);
            }

            count++;
            if (i >= line.Length)
            {
                return count;
            }

            i++;
        }
    }

    /// <summary>The field text with doubled quotes undone and surrounding blanks trimmed.</summary>
    public static string Text(ReadOnlySpan<char> line, Range range)
    {
        var s = line[range].Trim();
        return s.Contains("\"\"", StringComparison.Ordinal) ? s.ToString().Replace("\"\"", "\"", StringComparison.Ordinal) : s.ToString();
    }
}
