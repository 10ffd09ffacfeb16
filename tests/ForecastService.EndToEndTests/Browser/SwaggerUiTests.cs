using System.Text.Json;
using ForecastService.EndToEndTests.Infrastructure;
using Microsoft.Playwright;

namespace ForecastService.EndToEndTests.Browser;

/// <summary>
/// A person's path through the deployment: Debian's headless Chromium opens the Swagger UI through the gateway,
/// tries the forecast operation with a shipped model's example and gets forecasts. Playwright drives the system
/// browser through the node driver inside its NuGet package; no browser is ever downloaded.
/// </summary>
[Trait("Category", "Slow")]
[Collection(GatewayCollection.Name)]
public sealed class SwaggerUiTests(GatewayFixture fixture)
{
    /// <summary>Gets where the screenshot is kept (a test artefact beside the TRX results).</summary>
    public static string ScreenshotPath => RepositoryPaths.Combine("artifacts", "screenshots", "swagger-forecast.png");

    [Fact]
    public async Task SwaggerUi_TryItOutWithAShippedExample_Shows200WithForecasts()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 1400 } });
        page.SetDefaultTimeout(20_000);

        try
        {
            // The address a person types: the gateway's prefix; the UI's own redirect does the rest.
            var response = await page.GotoAsync(new Uri(fixture.ForecastBase, "swagger").ToString());
            Assert.Equal(200, response?.Status);
            Assert.EndsWith("/forecast/swagger/index.html", page.Url, StringComparison.Ordinal);

            var model = ShippedModels.Latest().OrderBy(m => m.Name == "energy-load" ? 0 : 1).FirstOrDefault();
            if (model is null)
            {
                // No model shipped yet: the models listing is the operation a person can try.
                var listing = await TryOperationAsync(page, "get", "/v1/models", _ => Task.CompletedTask);
                Assert.Equal(JsonValueKind.Array, listing.RootElement.ValueKind);
                return;
            }

            using var forecast = await TryOperationAsync(page, "post", "/v1/models/{name}/forecast", async operation =>
            {
                await operation.Locator("tr[data-param-name='name'] input").FillAsync(model.Name);
                await UseExampleAsync(operation, model);
            });
            Assert.Equal(model.Name, forecast.RootElement.GetProperty("model").GetString());
            Assert.NotEqual(0, forecast.RootElement.GetProperty("forecasts").GetArrayLength());
        }
        finally
        {
            Directory.CreateDirectory(Path.GetDirectoryName(ScreenshotPath)!);
            // The viewport, scrolled to the live response: the request URL, the 200 and the forecasts.
            await page.ScreenshotAsync(new() { Path = ScreenshotPath });
        }
    }

    // Expands the operation, clicks "Try it out", lets the caller fill it in, clicks "Execute", and checks that the
    // UI shows a 200 for a request that went through the gateway (prefix included); returns the response body shown.
    private async Task<JsonDocument> TryOperationAsync(IPage page, string method, string path, Func<ILocator, Task> fill)
    {
        var operation = page.Locator($".opblock.opblock-{method}").Filter(new() { Has = page.Locator($".opblock-summary-path[data-path='{path}']") });
        await operation.Locator(".opblock-summary").First.ClickAsync();
        await operation.Locator("button.try-out__btn").ClickAsync();
        await fill(operation);
        await operation.Locator("button.execute").ClickAsync();

        var status = operation.Locator(".live-responses-table .response .response-col_status").First;
        await Assertions.Expect(status).ToHaveTextAsync("200", new() { Timeout = 20_000 });
        var requestUrl = (await operation.Locator(".request-url pre").First.InnerTextAsync()).Trim();
        Assert.StartsWith(fixture.ForecastBase.ToString().TrimEnd('/') + "/v1/models", requestUrl, StringComparison.Ordinal);

        await operation.Locator(".request-url").First.EvaluateAsync("e => e.scrollIntoView({ block: 'start' })");
        var body = await operation.Locator(".live-responses-table .response-col_description pre").First.InnerTextAsync();
        return JsonDocument.Parse(body);
    }

    // The document offers one example per shipped model: pick this model's when the UI shows a choice, otherwise
    // put the shipped example.json in the body editor.
    private static async Task UseExampleAsync(ILocator operation, ShippedModel model)
    {
        var examples = operation.Locator(".opblock-section-request-body select");
        if (await examples.CountAsync() > 0)
        {
            var options = await examples.First.Locator("option").AllInnerTextsAsync();
            var choice = options.FirstOrDefault(o => o.Contains(model.Name, StringComparison.OrdinalIgnoreCase));
            if (choice is not null)
            {
                await examples.First.SelectOptionAsync(new SelectOptionValue { Label = choice });
                return;
            }
        }

        await operation.Locator("textarea.body-param__text").FillAsync(File.ReadAllText(model.ExamplePath));
    }
}
