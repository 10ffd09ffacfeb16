using System.Globalization;
using System.Net;
using System.Text;

namespace ForecastService.Trainer.Charts;

/// <summary>
/// Draws held-out forecasts against actuals as a self-contained SVG (no scripts, no external fonts): one panel per
/// window with recent history, the actual values, the median forecast and the 50/80/90% bands the quantiles allow.
/// </summary>
internal static class ForecastChart
{
    private const double Width = 900;
    private const double PanelHeight = 230;
    private const double Left = 70;
    private const double Right = 20;
    private const double Top = 28;
    private const double Bottom = 34;
    private const double LegendHeight = 48;

    // Central bands from widest to narrowest, drawn in that order so narrower ones sit on top.
    private static readonly (double Low, double High, string Fill, string Label)[] Bands =
    [
        (0.05, 0.95, "#c6dbef", "90%"),
        (0.1, 0.9, "#9ecae1", "80%"),
        (0.25, 0.75, "#6baed6", "50%"),
    ];

    public static string Render(string title, IReadOnlyList<ChartWindow> windows, IReadOnlyList<double> quantiles)
    {
        var height = LegendHeight + (windows.Count * PanelHeight) + 10;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{height}" viewBox="0 0 {Width} {height}" font-family="sans-serif" font-size="11">""").Append('\n');
        svg.Append(CultureInfo.InvariantCulture, $"""<rect width="{Width}" height="{height}" fill="white"/>""").Append('\n');
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left}" y="18" font-size="14" font-weight="bold">{Escape(title)}</text>""").Append('\n');
        Legend(svg, quantiles);
        for (var i = 0; i < windows.Count; i++)
        {
            Panel(svg, windows[i], quantiles, LegendHeight + (i * PanelHeight));
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void Legend(StringBuilder svg, IReadOnlyList<double> quantiles)
    {
        var x = Left;
        void Item(string swatch, string label)
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<g transform="translate({F(x)},28)">{swatch}<text x="22" y="9">{label}</text></g>""").Append('\n');
            x += 22 + (label.Length * 6.5) + 14;
        }

        Item("""<line x1="0" y1="5" x2="18" y2="5" stroke="#555" stroke-width="1.5"/>""", "history");
        Item("""<line x1="0" y1="5" x2="18" y2="5" stroke="black" stroke-width="2"/>""", "actual");
        Item("""<line x1="0" y1="5" x2="18" y2="5" stroke="#08519c" stroke-width="2" stroke-dasharray="4 2"/>""", "median");
        foreach (var band in Bands.Where(b => Has(quantiles, b.Low) && Has(quantiles, b.High)))
        {
            Item($"""<rect width="18" height="10" fill="{band.Fill}"/>""", band.Label);
        }
    }

    private static void Panel(StringBuilder svg, ChartWindow w, IReadOnlyList<double> quantiles, double top)
    {
        var q = quantiles.Count;
        var h = w.Actual.Count;
        var n = w.History.Count + h;
        var plotTop = top + Top;
        var plotHeight = PanelHeight - Top - Bottom;
        var plotWidth = Width - Left - Right;

        var all = w.History.Concat(w.Actual).Concat(w.Quantiles.Select(v => (double)v)).ToArray();
        var min = all.Min();
        var max = all.Max();
        var pad = Math.Max((max - min) * 0.05, 1e-9);
        min -= pad;
        max += pad;

        double X(int index) => Left + (plotWidth * index / Math.Max(1, n - 1));
        double Y(double value) => plotTop + (plotHeight * (max - value) / (max - min));

        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left}" y="{F(top + 18)}" font-weight="bold">{Escape(w.Title)}</text>""").Append('\n');
        svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{Left}" y="{F(plotTop)}" width="{F(plotWidth)}" height="{F(plotHeight)}" fill="none" stroke="#ccc"/>""").Append('\n');

        // Horizontal grid with value labels.
        for (var k = 0; k <= 4; k++)
        {
            var value = min + ((max - min) * k / 4);
            var y = Y(value);
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Left}" y1="{F(y)}" x2="{F(Left + plotWidth)}" y2="{F(y)}" stroke="#eee"/>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{F(Left - 6)}" y="{F(y + 4)}" text-anchor="end">{Label(value)}</text>""").Append('\n');
        }

        // Forecast origin.
        var originX = X(w.History.Count);
        svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{F(originX)}" y1="{F(plotTop)}" x2="{F(originX)}" y2="{F(plotTop + plotHeight)}" stroke="#999" stroke-dasharray="3 3"/>""").Append('\n');

        foreach (var band in Bands)
        {
            var low = IndexOf(quantiles, band.Low);
            var high = IndexOf(quantiles, band.High);
            if (low < 0 || high < 0)
            {
                continue;
            }

            var points = new StringBuilder();
            for (var t = 0; t < h; t++)
            {
                points.Append(CultureInfo.InvariantCulture, $"{F(X(w.History.Count + t))},{F(Y(w.Quantiles[(t * q) + high]))} ");
            }

            for (var t = h - 1; t >= 0; t--)
            {
                points.Append(CultureInfo.InvariantCulture, $"{F(X(w.History.Count + t))},{F(Y(w.Quantiles[(t * q) + low]))} ");
            }

            svg.Append(CultureInfo.InvariantCulture, $"""<polygon points="{points.ToString().TrimEnd()}" fill="{band.Fill}" stroke="none"><title>{band.Label} interval</title></polygon>""").Append('\n');
        }

        Polyline(svg, Enumerable.Range(0, w.History.Count).Select(i => (X(i), Y(w.History[i]))), "#555", 1.5, null);
        Polyline(svg, Enumerable.Range(0, h).Select(t => (X(w.History.Count + t), Y(w.Actual[t]))), "black", 2, null);
        var median = IndexOf(quantiles, 0.5);
        if (median >= 0)
        {
            Polyline(svg, Enumerable.Range(0, h).Select(t => (X(w.History.Count + t), Y(w.Quantiles[(t * q) + median]))), "#08519c", 2, "4 2");
        }

        // Time labels: start of history, last observation (left of the origin), last forecast step.
        var axisY = plotTop + plotHeight + 14;
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left}" y="{F(axisY)}">{Time(w.HistoryTimes[0])}</text>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{F(originX - 4)}" y="{F(axisY)}" text-anchor="end">{Time(w.HistoryTimes[^1])}</text>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{F(Left + plotWidth)}" y="{F(axisY)}" text-anchor="end">{Time(w.FutureTimes[^1])}</text>""").Append('\n');
    }

    private static void Polyline(StringBuilder svg, IEnumerable<(double X, double Y)> points, string stroke, double width, string? dash)
    {
        var text = string.Join(' ', points.Select(p => $"{F(p.X)},{F(p.Y)}"));
        var dashAttribute = dash is null ? string.Empty : $""" stroke-dasharray="{dash}" """;
        svg.Append(CultureInfo.InvariantCulture, $"""<polyline points="{text}" fill="none" stroke="{stroke}" stroke-width="{F(width)}"{dashAttribute.TrimEnd()} stroke-linejoin="round"/>""").Append('\n');
    }

    /// <summary>Date only at midnight, date and clock time otherwise; the panel title carries the full ISO form.</summary>
    private static string Time(DateTimeOffset t) =>
        t.ToString(t.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static bool Has(IReadOnlyList<double> quantiles, double level) => IndexOf(quantiles, level) >= 0;

    private static int IndexOf(IReadOnlyList<double> quantiles, double level)
    {
        for (var i = 0; i < quantiles.Count; i++)
        {
            if (Math.Abs(quantiles[i] - level) < 1e-9)
            {
                return i;
            }
        }

        return -1;
    }

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Label(double value) => value.ToString(Math.Abs(value) >= 100 ? "0" : "0.##", CultureInfo.InvariantCulture);

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
