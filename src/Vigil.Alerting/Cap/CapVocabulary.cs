namespace Vigil.Alerting.Cap;

/// <summary>
/// Maps CAP code values to enums. CAP code values are case-sensitive and written exactly as in the data dictionary,
/// so parsing is ordinal and rejects the numeric forms that <see cref="Enum.TryParse{TEnum}(string?, out TEnum)"/> would accept.
/// </summary>
public static class CapVocabulary
{
    public static bool TryParse<TEnum>(string? text, out TEnum value)
        where TEnum : struct, Enum
    {
        value = default;
        if (string.IsNullOrEmpty(text) || !char.IsAsciiLetter(text[0]))
        {
            return false;
        }

        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(candidate.ToString(), text, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        return false;
    }

    public static string ToCode<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Not a CAP code value.");
        }

        return value.ToString();
    }

    /// <summary>The code values of an enum, in declaration order (the order the CAP data dictionary lists them).</summary>
    public static string[] Codes<TEnum>()
        where TEnum : struct, Enum => Enum.GetNames<TEnum>();
}
