using System.Security.Cryptography;

namespace Vigil.Domain.Reports;

/// <summary>
/// Ticket numbers residents use to look up their report without an account. The number is the only secret, so it is
/// random (50 bits) rather than sequential; Crockford's base-32 alphabet leaves out I, L, O and U, which are misread
/// when a number is read out over the phone.
/// </summary>
public static class ReportTicket
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const int Length = 10;

    public static string NewTicket()
    {
        Span<byte> random = stackalloc byte[Length];
        RandomNumberGenerator.Fill(random);
        Span<char> chars = stackalloc char[Length + 3];
        chars[0] = 'R';
        chars[1] = '-';
        var at = 2;
        for (var i = 0; i < Length; i++)
        {
            if (i == 5)
            {
                chars[at++] = '-';
            }

            chars[at++] = Alphabet[random[i] & 31];
        }

        return new string(chars);
    }

    /// <summary>Normalises what a resident typed (lower case, spaces, O for 0) to the stored form; false when it cannot be a ticket.</summary>
    public static bool TryNormalize(string? typed, out string ticket)
    {
        ticket = string.Empty;
        if (string.IsNullOrWhiteSpace(typed) || typed.Length > 40)
        {
            return false;
        }

        Span<char> body = stackalloc char[Length];
        var n = 0;
        var text = typed.Trim().ToUpperInvariant();
        var start = text.StartsWith("R-", StringComparison.Ordinal) ? 2 : 0;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i] switch { 'O' => '0', 'I' or 'L' => '1', var other => other };
            if (c is '-' or ' ')
            {
                continue;
            }

            if (Alphabet.IndexOf(c, StringComparison.Ordinal) < 0 || n == Length)
            {
                return false;
            }

            body[n++] = c;
        }

        if (n != Length)
        {
            return false;
        }

        ticket = string.Concat("R-", body[..5], "-", body[5..]);
        return true;
    }
}
