using System.Globalization;
using Vigil.CameraAnalytics.Detections;

namespace Vigil.CameraAnalytics.Mot;

/// <summary>
/// Reads MOTChallenge <c>det.txt</c>, <c>gt.txt</c> and tracker-output files (comma-separated, no header).
/// Real files in the wild write ids as floats (<c>1.0</c>) and coordinates with many decimals, and some use spaces
/// after the commas; all are accepted. A malformed line is an expected failure reported with its line number.
/// </summary>
public static class MotReader
{
    private const int MinColumns = 6;

    public static bool TryRead(TextReader reader, out MotSequence sequence, out string error)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var rows = new List<MotRow>();
        Span<double> values = stackalloc double[10];
        var lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            var text = line.AsSpan().Trim();
            if (text.IsEmpty)
            {
                continue;
            }

            if (!TryParseColumns(text, values, out var columns, out var problem))
            {
                sequence = MotSequence.FromRows([]);
                error = $"line {lineNumber}: {problem}";
                return false;
            }

            if (!TryMakeRow(values[..columns], out var row, out problem))
            {
                sequence = MotSequence.FromRows([]);
                error = $"line {lineNumber}: {problem}";
                return false;
            }

            rows.Add(row);
        }

        sequence = MotSequence.FromRows(rows);
        error = string.Empty;
        return true;
    }

    public static bool TryReadFile(string path, out MotSequence sequence, out string error)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            sequence = MotSequence.FromRows([]);
            error = $"file not found: {path}";
            return false;
        }

        using var reader = new StreamReader(path);
        if (!TryRead(reader, out sequence, out error))
        {
            error = $"{path}: {error}";
            return false;
        }

        return true;
    }

    private static bool TryParseColumns(ReadOnlySpan<char> text, Span<double> values, out int columns, out string problem)
    {
        columns = 0;
        foreach (var range in text.Split(','))
        {
            var cell = text[range].Trim();
            if (columns == values.Length)
            {
                // Extra trailing columns carry nothing the evaluator or tracker uses.
                break;
            }

            if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out values[columns]) || !double.IsFinite(values[columns]))
            {
                problem = $"column {columns + 1} is not a number: '{cell.ToString()}'";
                return false;
            }

            columns++;
        }

        if (columns < MinColumns)
        {
            problem = $"expected at least {MinColumns} comma-separated columns (frame, id, left, top, width, height), found {columns}";
            return false;
        }

        problem = string.Empty;
        return true;
    }

    private static bool TryMakeRow(ReadOnlySpan<double> v, out MotRow row, out string problem)
    {
        row = default;
        if (v[0] != Math.Floor(v[0]) || v[0] < 0 || v[0] > int.MaxValue)
        {
            problem = $"frame must be a non-negative integer, found {v[0].ToString(CultureInfo.InvariantCulture)}";
            return false;
        }

        if (v[1] != Math.Floor(v[1]) || v[1] < int.MinValue || v[1] > int.MaxValue)
        {
            problem = $"id must be an integer, found {v[1].ToString(CultureInfo.InvariantCulture)}";
            return false;
        }

        if (v[4] < 0 || v[5] < 0)
        {
            problem = "box width and height must not be negative";
            return false;
        }

        var confidence = v.Length > 6 ? v[6] : 1.0;
        var cls = -1;
        var visibility = -1.0;
        if (v.Length == 9)
        {
            // MOT16/17/20 ground truth: consider_flag, class, visibility.
            cls = (int)v[7];
            visibility = v[8];
        }

        row = new MotRow((int)v[0], (int)v[1], new BoundingBox(v[2], v[3], v[4], v[5]), confidence, cls, visibility);
        problem = string.Empty;
        return true;
    }
}
