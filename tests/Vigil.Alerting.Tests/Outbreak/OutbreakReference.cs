using System.Globalization;

namespace Vigil.Alerting.Tests.Outbreak;

/// <summary>
/// Reads the reference values that scripts/outbreak-reference.R wrote with R surveillance 1.20.3 on datasets that
/// package ships (salmonella.agona, salmNewport, campyDE, ha.sts).
/// </summary>
internal sealed class OutbreakReference
{
    private OutbreakReference(Dictionary<string, double[]> series, List<Row> rows)
    {
        Series = series;
        Rows = rows;
    }

    public Dictionary<string, double[]> Series { get; }

    public List<Row> Rows { get; }

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Reference");

    public static OutbreakReference Load(string folder)
    {
        var lists = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(folder, "outbreak-series.csv")).Skip(1))
        {
            var f = line.Split(',');
            if (!lists.TryGetValue(f[0], out var list))
            {
                lists[f[0]] = list = [];
            }

            list.Add(double.Parse(f[2], CultureInfo.InvariantCulture));
        }

        var series = lists.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        var rows = new List<Row>();
        foreach (var line in File.ReadLines(Path.Combine(folder, "outbreak-reference.csv")).Skip(1))
        {
            var f = line.Split(',');
            rows.Add(new Row(
                f[0],
                f[1],
                int.Parse(f[2], CultureInfo.InvariantCulture) - 1,
                f[3] == "NA" ? double.NaN : double.Parse(f[3], CultureInfo.InvariantCulture),
                f[4] == "1"));
        }

        return new OutbreakReference(series, rows);
    }

    internal readonly record struct Row(string Dataset, string Method, int Index, double UpperBound, bool Alarm);
}
