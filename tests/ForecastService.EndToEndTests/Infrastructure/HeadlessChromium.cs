using Microsoft.Playwright;

namespace ForecastService.EndToEndTests.Infrastructure;

/// <summary>
/// Debian's headless Chromium driven by Playwright through the node driver inside its NuGet package; no browser is
/// ever downloaded. Background networking is off, so the only requests are the ones a page makes.
/// </summary>
internal static class HeadlessChromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new()
    {
        ExecutablePath = ExecutablePath,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    });
}
