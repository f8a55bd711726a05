using System.Globalization;

namespace Vigil.Alerting.Cap;

/// <summary>
/// CAP 1.2 dateTime values (§3.2.1 <c>sent</c>): "2002-05-24T16:49:00-07:00". The offset is numeric; "Z" is not allowed;
/// UTC is written "-00:00"; no fractional seconds (the schema's pattern <c>\d\d\d\d-\d\d-\d\dT\d\d:\d\d:\d\d[-,+]\d\d:\d\d</c>).
/// </summary>
public static class CapDateTime
{
    private const string Layout = "yyyy'-'MM'-'dd'T'HH':'mm':'ss";

    /// <summary>Parses the lexical form the schema allows. Leading and trailing white space is collapsed first, as XML Schema does for dateTime.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (text is null)
        {
            return false;
        }

        var s = text.AsSpan().Trim(" \t\r\n");
        if (!HasCapShape(s))
        {
            return false;
        }

        if (!DateTime.TryParseExact(s[..19], Layout, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }

        var hours = ((s[20] - '0') * 10) + (s[21] - '0');
        var minutes = ((s[23] - '0') * 10) + (s[24] - '0');
        if (minutes > 59 || hours > 14 || (hours == 14 && minutes != 0))
        {
            return false;
        }

        var offset = new TimeSpan(hours, minutes, 0);
        if (s[19] == '-')
        {
            offset = -offset;
        }

        try
        {
            value = new DateTimeOffset(local, offset);
        }
        catch (ArgumentOutOfRangeException)
        {
            // The instant falls outside DateTimeOffset's range (year 1 or 9999 near the edge).
            return false;
        }

        return true;
    }

    /// <summary>Writes the CAP form. A zero offset is written "-00:00", as CAP 1.2 §3.2.1 requires for UTC.</summary>
    public static string Format(DateTimeOffset value)
    {
        var offset = value.Offset;
        var sign = offset < TimeSpan.Zero || offset == TimeSpan.Zero ? '-' : '+';
        var abs = offset.Duration();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{value.DateTime.ToString(Layout, CultureInfo.InvariantCulture)}{sign}{abs.Hours:00}:{abs.Minutes:00}");
    }

    /// <summary>True when the text is "+00:00"-style UTC, which CAP 1.2 §3.2.1 forbids in favour of "-00:00".</summary>
    public static bool UsesPositiveZeroOffset(string text)
    {
        var s = text.AsSpan().Trim(" \t\r\n");
        return s.Length == 25 && s.EndsWith("+00:00", StringComparison.Ordinal);
    }

    private static bool HasCapShape(ReadOnlySpan<char> s)
    {
        if (s.Length != 25)
        {
            return false;
        }

        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            var ok = i switch
            {
                4 or 7 => c == '-',
                10 => c == 'T',
                13 or 16 or 22 => c == ':',
                19 => c is '-' or '+',
                _ => char.IsAsciiDigit(c),
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
