using System.Globalization;

namespace Vigil.Anomaly.Nab;

/// <summary>Parses NAB timestamps, <c>YYYY-MM-DD HH:MM:SS</c> with an optional <c>.ffffff</c> fraction, as UTC ticks.</summary>
public static class NabTimestamp
{
    private static readonly string[] Formats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF"];

    public static bool TryParse(ReadOnlySpan<char> text, out long ticks)
    {
        if (DateTime.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            ticks = parsed.Ticks;
            return true;
        }

        ticks = 0;
        return false;
    }
}
