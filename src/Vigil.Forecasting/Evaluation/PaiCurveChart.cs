using System.Globalization;
using System.Net;

namespace Vigil.Forecasting.Evaluation;

/// <summary>
/// Draws PAI against flagged share of the city (log scale) as a standalone SVG: one panel per category and horizon,
/// one line per model, with the NIJ 0.25-0.75 sq mi band shaded. Plain SVG 1.1, viewable in any browser.
/// </summary>
public static class PaiCurveChart
{
    private const int PanelWidth = 420;
    private const int PanelHeight = 280;
    private const int Margin = 48;
    private static readonly string[] Colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf"];

    /// <param name="nijBand">The NIJ band as shares of the city (low, high); null to omit it.</param>
    public static void Write(TextWriter writer, IReadOnlyList<BacktestResult> results, (double Low, double High)? nijBand, string title)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(results);
        var panels = new List<(string Category, double Horizon)>();
        var models = new List<string>();
        double minX = double.PositiveInfinity, maxX = 0, maxY = 1;
        foreach (var r in results)
        {
            if (!panels.Contains((r.Category, r.HorizonDays)))
            {
                panels.Add((r.Category, r.HorizonDays));
            }

            if (!models.Contains(r.Model))
            {
                models.Add(r.Model);
            }

            for (var i = 0; i < r.CurveFractions.Count; i++)
            {
                minX = Math.Min(minX, r.CurveFractions[i]);
                maxX = Math.Max(maxX, r.CurveFractions[i]);
                maxY = Math.Max(maxY, r.CurveMeanPai[i]);
            }
        }

        if (panels.Count == 0 || !(maxX > minX))
        {
            minX = 0.001;
            maxX = 0.2;
        }

        maxY = NiceCeiling(maxY);
        var columns = Math.Min(panels.Count == 0 ? 1 : panels.Count, 4);
        var rows = Math.Max(1, (panels.Count + columns - 1) / columns);
        var width = (columns * PanelWidth) + 20;
        var height = (rows * PanelHeight) + 70;
        var w = writer;
        w.WriteLine(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"11\">"));
        w.WriteLine(Inv($"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>"));
        w.WriteLine(Inv($"<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">{Esc(title)}</text>"));
        for (var m = 0; m < models.Count; m++)
        {
            var lx = 10 + (m * 120);
            w.WriteLine(Inv($"<line x1=\"{lx}\" y1=\"38\" x2=\"{lx + 20}\" y2=\"38\" stroke=\"{Colours[m % Colours.Length]}\" stroke-width=\"2.5\"/><text x=\"{lx + 25}\" y=\"42\">{Esc(models[m])}</text>"));
        }

        for (var p = 0; p < panels.Count; p++)
        {
            var ox = 10 + ((p % columns) * PanelWidth);
            var oy = 55 + ((p / columns) * PanelHeight);
            double X(double f) => ox + Margin + ((Math.Log10(f) - Math.Log10(minX)) / (Math.Log10(maxX) - Math.Log10(minX)) * (PanelWidth - Margin - 15));
            double Y(double pai) => oy + PanelHeight - Margin + 10 - (pai / maxY * (PanelHeight - Margin - 20));
            var (category, horizon) = panels[p];
            w.WriteLine(Inv($"<text x=\"{ox + Margin}\" y=\"{oy + 12}\" font-weight=\"bold\">{Esc(category)}, {horizon:0}-day horizon</text>"));
            if (nijBand is { } band)
            {
                var x0 = X(Math.Clamp(band.Low, minX, maxX));
                var x1 = X(Math.Clamp(band.High, minX, maxX));
                w.WriteLine(Inv($"<rect x=\"{x0:0.#}\" y=\"{Y(maxY):0.#}\" width=\"{Math.Max(x1 - x0, 1):0.#}\" height=\"{Y(0) - Y(maxY):0.#}\" fill=\"#eeeeee\"/><text x=\"{x0 + 2:0.#}\" y=\"{Y(maxY) + 10:0.#}\" fill=\"#777\">NIJ</text>"));
            }

            w.WriteLine(Inv($"<line x1=\"{X(minX):0.#}\" y1=\"{Y(0):0.#}\" x2=\"{X(maxX):0.#}\" y2=\"{Y(0):0.#}\" stroke=\"black\"/><line x1=\"{X(minX):0.#}\" y1=\"{Y(0):0.#}\" x2=\"{X(minX):0.#}\" y2=\"{Y(maxY):0.#}\" stroke=\"black\"/>"));
            for (var tick = 0; tick <= 4; tick++)
            {
                var v = maxY * tick / 4;
                w.WriteLine(Inv($"<text x=\"{X(minX) - 4:0.#}\" y=\"{Y(v) + 4:0.#}\" text-anchor=\"end\">{v:0.#}</text><line x1=\"{X(minX):0.#}\" y1=\"{Y(v):0.#}\" x2=\"{X(maxX):0.#}\" y2=\"{Y(v):0.#}\" stroke=\"#ddd\"/>"));
            }

            for (var decade = Math.Ceiling(Math.Log10(minX) - 1e-9); decade <= Math.Log10(maxX) + 1e-9; decade++)
            {
                foreach (var mult in (double[])[1, 2, 5])
                {
                    var f = mult * Math.Pow(10, decade);
                    if (f < minX - 1e-12 || f > maxX + 1e-12)
                    {
                        continue;
                    }

                    w.WriteLine(Inv($"<text x=\"{X(f):0.#}\" y=\"{Y(0) + 14:0.#}\" text-anchor=\"middle\">{f * 100:0.##}%</text>"));
                }
            }

            w.WriteLine(Inv($"<text x=\"{ox + (PanelWidth / 2)}\" y=\"{Y(0) + 28:0.#}\" text-anchor=\"middle\">flagged share of city (log)</text><text x=\"{ox + 12}\" y=\"{oy + (PanelHeight / 2)}\" transform=\"rotate(-90 {ox + 12} {oy + (PanelHeight / 2)})\" text-anchor=\"middle\">PAI</text>"));
            foreach (var r in results)
            {
                if (r.Category != category || r.HorizonDays != horizon || r.CurveFractions.Count == 0)
                {
                    continue;
                }

                var colour = Colours[models.IndexOf(r.Model) % Colours.Length];
                w.Write(Inv($"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\""));
                for (var i = 0; i < r.CurveFractions.Count; i++)
                {
                    w.Write(Inv($"{X(r.CurveFractions[i]):0.#},{Y(r.CurveMeanPai[i]):0.#} "));
                }

                w.WriteLine("\"/>");
            }
        }

        w.WriteLine("</svg>");
    }

    private static double NiceCeiling(double v)
    {
        var p = Math.Pow(10, Math.Floor(Math.Log10(v)));
        foreach (var m in (double[])[1, 2, 2.5, 5, 10])
        {
            if (m * p >= v)
            {
                return m * p;
            }
        }

        return 10 * p;
    }

    private static string Esc(string s) => WebUtility.HtmlEncode(s);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
