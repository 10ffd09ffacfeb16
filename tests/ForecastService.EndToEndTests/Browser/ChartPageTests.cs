using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ForecastService.EndToEndTests.Infrastructure;
using Microsoft.Playwright;

namespace ForecastService.EndToEndTests.Browser;

/// <summary>
/// The /ui chart page in headless Chromium through the gateway (so under its /forecast/ prefix), on the published API
/// serving the shipped models: what it draws and tables is checked against the API's own answers for the same data,
/// fetched here over HTTP.
/// </summary>
[Trait("Category", "Slow")]
[Collection(GatewayCollection.Name)]
public sealed class ChartPageTests(GatewayFixture fixture)
{
    private const string Model = "energy-load";
    private const int Lookback = 338; // energy-load's card: a week of half-hours plus two (the auto recipe's rule)
    private const int WaitMs = 20_000; // the machine running the tests may be busy
    private const int ForecastWaitMs = 60_000;
    private static readonly LocatorAssertionsToContainTextOptions Wait = new() { Timeout = WaitMs };

    /// <summary>Gets where the screenshot of a drawn forecast is kept (a test artefact beside the TRX results).</summary>
    public static string ScreenshotPath => RepositoryPaths.Combine("artifacts", "screenshots", "ui-forecast.png");

    private Uri PageAddress => new(fixture.ForecastBase, "ui");

    [Fact]
    public async Task ChartPage_ModelExample_DrawsTheChartAndTablesTheApisMedian()
    {
        using var client = LoopbackClient.Create(fixture.ForecastBase, IPAddress.Parse("127.0.0.40"));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);
        var page = await OpenAsync(browser);

        await page.Locator("#model").SelectOptionAsync(Model);
        await page.Locator("#load-example").ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Loaded", Wait);
        await page.Locator("#run").ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToHaveAttributeAsync("data-kind", "ok", new() { Timeout = ForecastWaitMs });

        // The API's forecast for the same history (the model's example as the API serves it) at the page's 80% level.
        var history = JsonNode.Parse(await client.GetStringAsync($"v1/models/{Model}/example-history"))!;
        var expected = await PostAsync(client, $"v1/models/{Model}/forecast", new JsonObject
        {
            ["levels"] = new JsonArray(80),
            ["series"] = history["series"]!.DeepClone(),
        });
        var forecast = expected["forecasts"]![0]!;
        var firstRow = page.Locator("#steps tbody tr").First;
        var cells = firstRow.Locator("td");
        Assert.Equal((string)forecast["timestamps"]![0]!, await cells.Nth(1).InnerTextAsync());
        Assert.Equal((double)forecast["median"]![0]!, Number(await cells.Nth(2).GetAttributeAsync("data-value")));
        var interval = forecast["intervals"]!.AsArray().Single(i => (double)i!["level"]! == 80)!;
        Assert.Equal((double)interval["lower"]![0]!, Number(await cells.Nth(3).GetAttributeAsync("data-value")));
        Assert.Equal((double)interval["upper"]![0]!, Number(await cells.Nth(4).GetAttributeAsync("data-value")));
        Assert.Equal(12, await page.Locator("#steps tbody tr").CountAsync());

        var pixels = await CanvasPixelsAsync(page);
        Assert.True(pixels.Painted > 5_000, $"The chart canvas is (nearly) blank: {pixels.Painted} painted pixels.");
        Assert.True(pixels.Blue > 200, $"No forecast median or band drawn: {pixels.Blue} blue pixels.");

        Directory.CreateDirectory(Path.GetDirectoryName(ScreenshotPath)!);
        await page.ScreenshotAsync(new() { Path = ScreenshotPath, FullPage = true });
    }

    [Fact]
    public async Task ChartPage_UploadedCsvWithASpike_ShowsTheApisAnomalyCount()
    {
        // Three days past the lookback of the energy data the model was trained on, with one reading tripled.
        var rows = File.ReadAllLines(RepositoryPaths.Combine("data", "energy_taylor_train.csv")).Skip(1).TakeLast(Lookback + 144)
            .Select(line => line.Split(','))
            .Select(cells => (Timestamp: cells[0] + "Z", Value: double.Parse(cells[1], CultureInfo.InvariantCulture)))
            .ToArray();
        var spike = Lookback + 100;
        rows[spike].Value *= 3;
        var csv = new StringBuilder("timestamp,value\n");
        foreach (var (timestamp, value) in rows)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{timestamp},{value}\n");
        }

        var file = Path.Combine(Path.GetTempPath(), $"chart-page-spike-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, csv.ToString());
        try
        {
            using var client = LoopbackClient.Create(fixture.ForecastBase, IPAddress.Parse("127.0.0.41"));
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await HeadlessChromium.LaunchAsync(playwright);
            var page = await OpenAsync(browser);

            await page.Locator("#model").SelectOptionAsync(Model);
            await page.Locator("#csv-file").SetInputFilesAsync(file);
            await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Read ", Wait);
            await page.Locator("#run").ClickAsync();
            await Assertions.Expect(page.Locator("#status")).ToHaveAttributeAsync("data-kind", "ok", new() { Timeout = ForecastWaitMs });
            var summary = page.Locator("#anomaly-summary");

            var body = new JsonObject
            {
                ["level"] = null,
                ["step"] = 1,
                ["series"] = new JsonArray(new JsonObject
                {
                    ["id"] = "series-1",
                    ["timestamps"] = new JsonArray([.. rows.Select(r => (JsonNode?)r.Timestamp)]),
                    ["values"] = new JsonArray([.. rows.Select(r => (JsonNode?)r.Value)]),
                }),
            };
            using var response = await client.PostAsync($"v1/models/{Model}/anomalies", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
            var answer = JsonNode.Parse(text)!;
            var flagged = answer["series"]!.AsArray().Select(s => s!["anomalies"]!.AsArray()).ToList();
            var count = flagged.Sum(a => a.Count);
            var spikeTime = DateTimeOffset.Parse(rows[spike].Timestamp, CultureInfo.InvariantCulture);
            Assert.Contains(flagged[0], a => DateTimeOffset.Parse((string)a!["timestamp"]!, CultureInfo.InvariantCulture) == spikeTime);

            await Assertions.Expect(summary).ToHaveAttributeAsync("data-state", "ok");
            await Assertions.Expect(summary).ToHaveAttributeAsync("data-count", count.ToString(CultureInfo.InvariantCulture));
            await Assertions.Expect(summary).ToContainTextAsync($"{count} anomal");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task ChartPage_Opened_LogsNoErrorAndRequestsNoOtherHost()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);
        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        var hosts = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add($"page error: {error}");
        context.Request += (_, request) => hosts.Add(new Uri(request.Url).Host);

        var response = await page.GotoAsync(PageAddress.ToString());
        Assert.Equal(200, response?.Status);
        Assert.EndsWith("/forecast/ui/", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator($"#model option[value='{Model}']")).ToHaveCountAsync(1, new() { Timeout = WaitMs });
        await page.Locator("#model").SelectOptionAsync(Model);
        await page.Locator("#load-example").ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Loaded", Wait);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Empty(errors);
        Assert.NotEmpty(hosts);
        Assert.All(hosts, host => Assert.Equal(fixture.ForecastBase.Host, host));
    }

    private async Task<IPage> OpenAsync(IBrowser browser)
    {
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 1000 } });
        page.SetDefaultTimeout(20_000);
        var response = await page.GotoAsync(PageAddress.ToString());
        Assert.Equal(200, response?.Status);
        await Assertions.Expect(page.Locator($"#model option[value='{Model}']")).ToHaveCountAsync(1, new() { Timeout = WaitMs });
        return page;
    }

    private static async Task<JsonNode> PostAsync(HttpClient client, string path, JsonNode body)
    {
        using var response = await client.PostAsync(path, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    private static double Number(string? text) => double.Parse(text ?? "NaN", CultureInfo.InvariantCulture);

    // Painted (non-transparent) pixels of the chart canvas, and how many of them are the forecast's blue.
    private static async Task<(int Painted, int Blue)> CanvasPixelsAsync(IPage page)
    {
        var counts = await page.Locator("#chart canvas").EvaluateAsync<int[]>(
            """
            canvas => {
              const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
              let painted = 0, blue = 0;
              for (let i = 0; i < data.length; i += 4) {
                if (data[i + 3] === 0) continue;
                painted++;
                if (data[i + 2] > data[i] + 80) blue++;
              }
              return [painted, blue];
            }
            """);
        return (counts[0], counts[1]);
    }
}
