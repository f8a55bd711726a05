using Vigil.Testing;

namespace Vigil.Alerting.Tests.Cap;

/// <summary>The shared CAP examples and their verdicts (../shared/data/cap, see its PROVENANCE.md).</summary>
internal static class CapExamples
{
    public const string Folder = "cap/examples";
    public const string Verdicts = "cap/verdicts.csv";

    /// <summary>Rows of verdicts.csv: file (relative to the cap folder) and the xmllint XSD verdict.</summary>
    public static List<(string File, bool XsdValid, string FirstError)> Rows()
    {
        var rows = new List<(string, bool, string)>();
        if (!TestData.Has(Verdicts))
        {
            return rows;
        }

        using var reader = new StreamReader(TestData.PathTo(Verdicts));
        var header = SplitCsv(reader.ReadLine()!);
        var file = header.IndexOf("file");
        var valid = header.IndexOf("xsd_valid_cap12_xmllint");
        var error = header.IndexOf("xsd_first_error_xmllint");
        while (reader.ReadLine() is { } line)
        {
            var f = SplitCsv(line);
            rows.Add((f[file], f[valid] == "true", f[error]));
        }

        return rows;
    }

    public static string PathOf(string relative) => TestData.PathTo(Path.Combine("cap", relative));

    // verdicts.csv quotes fields that hold commas, with "" for a quote.
    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString());
        return fields;
    }
}
