using System.Net;
using ForecastService.Api.Tests.Fixtures;

namespace ForecastService.Api.Tests.ChartPage;

/// <summary>The /ui chart page's files, served from the API assembly under a strict content security policy.</summary>
public sealed class ChartPageTests : IDisposable
{
    private readonly FixtureRepository _repository = FixtureRepository.With(FixtureModel.Hourly());
    private readonly ApiFactory _factory;
    private readonly HttpClient _client;

    public ChartPageTests()
    {
        _factory = new ApiFactory(_repository.Root);
        _client = _factory.CreateClient(new() { AllowAutoRedirect = false });
    }

    [Fact]
    public async Task Ui_WithoutTrailingSlash_RedirectsToTheFolder()
    {
        using var response = await _client.GetAsync("/ui");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/ui/", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Ui_Page_IsHtmlLoadingOnlyRelativeExternalFilesUnderAStrictPolicy()
    {
        using var response = await _client.GetAsync("/ui/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<script src=\"app.js\" defer></script>", html, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"stylesheet\" href=\"app.css\">", html, StringComparison.Ordinal);

        // Relative URLs keep the page working under a gateway prefix; no inline script or style is allowed by the policy.
        Assert.DoesNotMatch("(src|href)=\"(/|https?:)", html);
        Assert.DoesNotContain("<style", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" style=", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("<script(?![^>]*src=)", html);

        var csp = Directives(response);
        Assert.Equal("'none'", csp["default-src"]);
        Assert.Equal("'self'", csp["script-src"]);
        Assert.Equal("'self'", csp["style-src"]);
        Assert.Equal("'self'", csp["connect-src"]);
        Assert.Equal("'none'", csp["frame-ancestors"]);
    }

    [Theory]
    [InlineData("/ui/app.js", "text/javascript")]
    [InlineData("/ui/app.css", "text/css")]
    [InlineData("/ui/favicon.svg", "image/svg+xml")]
    public async Task Ui_BundledFiles_AreServedWithTheirTypes(string path, string mediaType)
    {
        using var response = await _client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty(body);
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task Ui_Script_BundlesTheChartLibraryAndCallsTheApiRelatively()
    {
        var script = await _client.GetStringAsync("/ui/app.js");

        // uPlot is inside the bundle (its class names and the license notice), nothing is loaded from elsewhere.
        Assert.Contains("uplot", script, StringComparison.Ordinal);
        Assert.Contains("MIT license", script, StringComparison.Ordinal);
        Assert.Contains("../v1/models", script, StringComparison.Ordinal);
        Assert.DoesNotMatch("https?://(?!github\\.com/leeoniya)[a-z]", script);
    }

    [Fact]
    public async Task Ui_UnknownFile_Is404()
    {
        using var response = await _client.GetAsync("/ui/nope.js");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _repository.Dispose();
    }

    private static Dictionary<string, string> Directives(HttpResponseMessage response) =>
        string.Join(",", response.Headers.GetValues("Content-Security-Policy"))
            .Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => d.Split(' ', 2))
            .ToDictionary(d => d[0], d => d[1], StringComparer.Ordinal);
}
