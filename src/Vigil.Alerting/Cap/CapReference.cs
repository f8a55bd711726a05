namespace Vigil.Alerting.Cap;

/// <summary>
/// One entry of CAP 1.2 §3.2.1 <c>references</c>: "sender,identifier,sent" of an earlier message. Entries are separated
/// by white space, so none of the three parts may contain a space or a comma.
/// </summary>
public readonly record struct CapReference(string Sender, string Identifier, DateTimeOffset Sent)
{
    public static CapReference To(CapAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new CapReference(alert.Sender, alert.Identifier, alert.Sent);
    }

    public override string ToString() => $"{Sender},{Identifier},{CapDateTime.Format(Sent)}";

    /// <summary>Parses a references value. On failure <paramref name="error"/> says which entry is wrong and why.</summary>
    public static bool TryParseList(string? text, List<CapReference> into, out string? error)
    {
        ArgumentNullException.ThrowIfNull(into);
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "references is empty; it must list at least one \"sender,identifier,sent\" triple";
            return false;
        }

        var entries = text.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < entries.Length; i++)
        {
            var parts = entries[i].Split(',');
            if (parts.Length != 3)
            {
                error = $"entry {i + 1} \"{entries[i]}\" is not a \"sender,identifier,sent\" triple";
                return false;
            }

            if (parts[0].Length == 0 || parts[1].Length == 0)
            {
                error = $"entry {i + 1} \"{entries[i]}\" has an empty sender or identifier";
                return false;
            }

            if (!CapDateTime.TryParse(parts[2], out var sent))
            {
                error = $"entry {i + 1} \"{entries[i]}\": \"{parts[2]}\" is not a CAP dateTime (yyyy-MM-ddThh:mm:ss with a numeric offset)";
                return false;
            }

            into.Add(new CapReference(parts[0], parts[1], sent));
        }

        return true;
    }

    /// <summary>Formats entries as a references value.</summary>
    public static string FormatList(IReadOnlyList<CapReference> references)
    {
        ArgumentNullException.ThrowIfNull(references);
        return string.Join(' ', references);
    }
}
