using System.Xml.Linq;
using ForecastService.Trainer.Charts;

namespace ForecastService.Trainer.Tests.Charts;

public sealed class ForecastChartTests
{
    [Fact]
    public void Render_TwoWindows_IsWellFormedSvgWithBandsAndLines()
    {
        var start = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        double[] quantiles = [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95];
        var window = new ChartWindow(
            "series <a> & b",
            [start, start.AddDays(1), start.AddDays(2)],
            [1, 2, 3],
            [start.AddDays(3), start.AddDays(4)],
            [4, 5],
            [1, 2, 3, 4, 5, 6, 7, 2, 3, 4, 5, 6, 7, 8]);

        var svg = ForecastChart.Render("title", [window, window], quantiles);

        var root = XDocument.Parse(svg).Root!;
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", root.Name);
        Assert.Equal(6, root.Descendants(ns + "polygon").Count()); // 90/80/50% bands in two panels
        Assert.Equal(6, root.Descendants(ns + "polyline").Count()); // history, actual and median per panel
        Assert.Contains(root.Descendants(ns + "text"), t => t.Value == "series <a> & b");
        Assert.Contains(root.Descendants(ns + "text"), t => t.Value == "2020-01-05");
    }

    [Fact]
    public void Render_OnlyEightyPercentQuantiles_DrawsOneBandPerPanel()
    {
        var start = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var window = new ChartWindow("w", [start, start.AddDays(1)], [1, 2], [start.AddDays(2)], [3], [2, 3, 4]);

        var svg = ForecastChart.Render("t", [window], [0.1, 0.5, 0.9]);

        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Single(XDocument.Parse(svg).Root!.Descendants(ns + "polygon"));
    }
}
