using System.Net;
using ForecastService.Api.Tests.Fixtures;

namespace ForecastService.Api.Tests.Security;

/// <summary>The optional forecast API key and the admin endpoints that exist only when enabled and keyed.</summary>
public sealed class ApiKeyTests : IDisposable
{
    private const string Key = "forecast-key-0123456789";
    private const string AdminKey = "admin-key-9876543210-abcdef";
    private const string Url = "/v1/models/energy-load/forecast";
    private readonly FixtureRepository _repository = FixtureRepository.With(FixtureModel.Hourly());
    private readonly string _secretFile = Path.Combine(Path.GetTempPath(), $"forecast-admin-key-{Guid.NewGuid():N}");

    [Fact]
    public async Task Forecast_DefaultSettings_NeedsNoKeyAndHasNoAdminEndpoints()
    {
        using var factory = new ApiFactory(_repository.Root);
        using var client = factory.CreateClient();

        using var forecast = await client.PostAsync(Url, Requests.Json(Requests.Body(Requests.Series("a", Requests.Wave(24)))));
        using var reload = await client.PostAsync("/admin/models/reload", null);

        Assert.Equal(HttpStatusCode.OK, forecast.StatusCode);
        await ProblemAssert.IsProblem(reload, 404, "not-found");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("forecast-key-0123456788")]
    [InlineData("forecast-key-0123456789-and-more")]
    [InlineData("FORECAST-KEY-0123456789")]
    public async Task Forecast_KeyRequiredAndMissingOrWrong_Is401Problem(string? supplied)
    {
        using var factory = new ApiFactory(_repository.Root, new Dictionary<string, string?> { ["Security:ApiKey:Enabled"] = "true", ["Security:ApiKey:Key"] = Key });
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = Requests.Json(Requests.Body(Requests.Series("a", Requests.Wave(24)))) };
        if (supplied is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Api-Key", supplied);
        }

        using var response = await client.SendAsync(request);
        using var list = await client.GetAsync("/v1/models");

        var text = await response.Content.ReadAsStringAsync();
        await ProblemAssert.IsProblem(response, 401, "unauthorized");
        Assert.Contains("X-Api-Key", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Key, text, StringComparison.Ordinal);
        await ProblemAssert.IsProblem(list, 401, "unauthorized");
    }

    [Fact]
    public async Task Forecast_KeyRequiredAndRight_IsServedWhileHealthAndMetricsStayOpen()
    {
        using var factory = new ApiFactory(_repository.Root, new Dictionary<string, string?> { ["Security:ApiKey:Enabled"] = "true", ["Security:ApiKey:Key"] = Key });
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = Requests.Json(Requests.Body(Requests.Series("a", Requests.Wave(24)))) };
        request.Headers.Add("X-Api-Key", Key);

        using var response = await client.SendAsync(request);
        using var live = await client.GetAsync("/health/live");
        using var metrics = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
    }

    [Fact]
    public async Task AdminReload_EnabledWithKeyFile_NeedsThatKeyAndRescans()
    {
        File.WriteAllText(_secretFile, AdminKey + "\n");
        using var factory = new ApiFactory(_repository.Root, new Dictionary<string, string?>
        {
            ["Models:PollInterval"] = "01:00:00",
            ["Security:Admin:Enabled"] = "true",
            ["Security:Admin:KeyFile"] = _secretFile,
        });
        using var client = factory.CreateClient();
        using (var before = await client.GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        _repository.Add(FixtureModel.Hourly("second-model"));
        using var anonymous = await client.PostAsync("/admin/models/reload", null);
        using var wrong = new HttpRequestMessage(HttpMethod.Post, "/admin/models/reload");
        wrong.Headers.Add("X-Api-Key", Key);
        using var wrongResponse = await client.SendAsync(wrong);
        using var unchanged = await client.GetAsync("/v1/models/second-model");

        using var right = new HttpRequestMessage(HttpMethod.Post, "/admin/models/reload");
        right.Headers.Add("X-Api-Key", AdminKey);
        using var reloaded = await client.SendAsync(right);
        using var found = await client.GetAsync("/v1/models/second-model");

        await ProblemAssert.IsProblem(anonymous, 401, "unauthorized");
        await ProblemAssert.IsProblem(wrongResponse, 401, "unauthorized");
        await ProblemAssert.IsProblem(unchanged, 404, "not-found");
        Assert.Equal(HttpStatusCode.OK, reloaded.StatusCode);
        Assert.Contains("second-model", await reloaded.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
    }

    [Theory]
    [InlineData("Security:ApiKey", null)]
    [InlineData("Security:ApiKey", "short")]
    [InlineData("Security:Admin", null)]
    public void Start_KeyEnabledWithoutAUsableKey_FailsNamingTheSetting(string section, string? key)
    {
        using var factory = new ApiFactory(_repository.Root, new Dictionary<string, string?> { [$"{section}:Enabled"] = "true", [$"{section}:Key"] = key });

        var ex = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains(section, ex.ToString(), StringComparison.Ordinal);
        if (key is not null)
        {
            Assert.DoesNotContain($"'{key}'", ex.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Start_KeyFileMissing_FailsNamingTheSetting()
    {
        using var factory = new ApiFactory(_repository.Root, new Dictionary<string, string?> { ["Security:Admin:Enabled"] = "true", ["Security:Admin:KeyFile"] = _secretFile + ".absent" });

        var ex = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Security:Admin:KeyFile", ex.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _repository.Dispose();
        File.Delete(_secretFile);
    }
}
