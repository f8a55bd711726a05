namespace Vigil.Platform.Reports;

/// <summary>
/// Jaccard similarity of character trigrams (over lower-cased letters and digits, words padded with spaces). Trigrams
/// tolerate the misspellings and word forms of residents' reports ("pothole" / "pot hole" / "potholes") better than
/// whole-word overlap, and need no dictionary or language model.
/// </summary>
public static class TextSimilarity
{
    public static double Trigram(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var left = Trigrams(a);
        var right = Trigrams(b);
        if (left.Count == 0 || right.Count == 0)
        {
            return 0;
        }

        var shared = 0;
        foreach (var gram in left)
        {
            if (right.Contains(gram))
            {
                shared++;
            }
        }

        return (double)shared / (left.Count + right.Count - shared);
    }

    private static HashSet<string> Trigrams(string text)
    {
        var grams = new HashSet<string>(StringComparer.Ordinal);
        // The window starts with a space, so a word's first letters form a trigram of their own (" po").
        Span<char> window = stackalloc char[3];
        window[0] = ' ';
        var filled = 1;
        var previousSpace = true;
        foreach (var raw in text)
        {
            var c = char.IsLetterOrDigit(raw) ? char.ToLowerInvariant(raw) : ' ';
            if (c == ' ' && previousSpace)
            {
                continue;
            }

            previousSpace = c == ' ';
            if (filled < 3)
            {
                window[filled++] = c;
            }
            else
            {
                window[0] = window[1];
                window[1] = window[2];
                window[2] = c;
            }

            if (filled == 3)
            {
                grams.Add(new string(window));
            }
        }

        if (!previousSpace && filled == 3)
        {
            grams.Add(new string([window[1], window[2], ' ']));
        }

        return grams;
    }
}
