using System.Text.Json;
using ForecastService.EndToEndTests.Infrastructure;
using Microsoft.Playwright;

namespace ForecastService.EndToEndTests.Browser;

/// <summary>
/// The backtest and anomaly operations tried from the Swagger UI through the gateway, each with the example the
/// document builds from a shipped model's history.json: what a person checking a model before trusting it does first.
/// </summary>
[Trait("Category", "Slow")]
[Collection(GatewayCollection.Name)]
public sealed class SwaggerAnalysisTests(GatewayFixture fixture)
{
    [Theory]
    [InlineData("backtest")]
    [InlineData("anomalies")]
    public async Task SwaggerUi_TryItOutWithHistoryExample_Shows200WithResults(string route)
    {
        var model = ShippedModels.Latest()
            .Where(m => File.Exists(Path.Combine(m.Directory, "history.json")))
            .OrderBy(m => m.Name == "sensor-river" ? 0 : 1)
            .FirstOrDefault();
        Assert.True(model is not null, "No shipped model has a history.json, so the document offers no example to try.");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 1400 } });
        page.SetDefaultTimeout(20_000);
        await page.GotoAsync(new Uri(fixture.ForecastBase, "swagger").ToString());

        var path = $"/v1/models/{{name}}/{route}";
        var operation = page.Locator(".opblock.opblock-post").Filter(new() { Has = page.Locator($".opblock-summary-path[data-path='{path}']") });
        await operation.Locator(".opblock-summary").First.ClickAsync();
        await operation.Locator("button.try-out__btn").ClickAsync();
        await operation.Locator("tr[data-param-name='name'] input").FillAsync(model!.Name);
        // The body's example picker (the section also holds the media-type picker).
        var examples = operation.Locator(".opblock-section-request-body .examples-select select").First;
        var options = await examples.Locator("option").AllInnerTextsAsync();
        var choice = options.FirstOrDefault(o => o.Contains(model.Name, StringComparison.OrdinalIgnoreCase));
        Assert.True(choice is not null, $"No example for {model.Name} among: {string.Join(" | ", options)}");
        await examples.SelectOptionAsync(new SelectOptionValue { Label = choice });
        await operation.Locator("button.execute").ClickAsync();

        var status = operation.Locator(".live-responses-table .response .response-col_status").First;
        await Assertions.Expect(status).ToHaveTextAsync("200", new() { Timeout = 30_000 });
        var requestUrl = (await operation.Locator(".request-url pre").First.InnerTextAsync()).Trim();
        Assert.Equal($"{fixture.ForecastBase.ToString().TrimEnd('/')}/v1/models/{model.Name}/{route}", requestUrl);
        using var body = JsonDocument.Parse(await operation.Locator(".live-responses-table .response-col_description pre").First.InnerTextAsync());
        var root = body.RootElement;
        Assert.Equal(model.Name, root.GetProperty("model").GetString());
        var series = root.GetProperty("series")[0];
        if (route == "backtest")
        {
            // history.json holds lookback + 5 horizons: five non-overlapping windows, each scored for both forecasters.
            Assert.Equal(5, series.GetProperty("windows").GetInt32());
            Assert.True(series.GetProperty("model").GetProperty("mase").GetDouble() > 0);
            Assert.True(series.GetProperty("seasonalNaive").GetProperty("mase").GetDouble() > 0);
        }
        else
        {
            // Every point after the first lookback is checked one step ahead: 5 horizons of them.
            Assert.Equal(5 * model.Card["horizon"]!.GetValue<int>(), series.GetProperty("checked").GetInt32());
            Assert.Equal(series.GetProperty("checked").GetInt32(), series.GetProperty("points").GetArrayLength());
        }
    }
}
