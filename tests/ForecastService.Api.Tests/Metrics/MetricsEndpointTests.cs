using System.Globalization;
using System.Text.RegularExpressions;
using ForecastService.Api.Tests.Fixtures;

namespace ForecastService.Api.Tests.Metrics;

public sealed partial class MetricsEndpointTests
{
    [Fact]
    public async Task Metrics_AfterForecasts_CountsByModelVersionStatusAndTimesRuns()
    {
        using var repository = FixtureRepository.With(FixtureModel.Hourly());
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(repository.VersionDirectory("broken", 1)).FullName, "model.json"), "{}");
        using var factory = new ApiFactory(repository.Root);
        using var client = factory.CreateClient();
        var body = Requests.Body(Requests.Series("a", Requests.Wave(24)), Requests.Series("b", Requests.Wave(24)), Requests.Series("c", Requests.Wave(24)));
        await client.PostAsync("/v1/models/energy-load/forecast", Requests.Json(body));
        await client.PostAsync("/v1/models/energy-load/forecast", Requests.Json(body));
        await client.PostAsync("/v1/models/energy-load/forecast", Requests.Json("{}"));

        var response = await client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(2, Value(text, "forecast_http_requests_total{route=\"/v1/models/{name}/forecast\",model=\"energy-load\",version=\"1\",status=\"200\"}"));
        Assert.Equal(1, Value(text, "forecast_http_requests_total{route=\"/v1/models/{name}/forecast\",model=\"energy-load\",version=\"1\",status=\"400\"}"));
        Assert.Equal(3, Value(text, "forecast_http_request_duration_seconds_count{route=\"/v1/models/{name}/forecast\"}"));
        Assert.Equal(2, Value(text, "forecast_onnxruntime_run_duration_seconds_count{model=\"energy-load\",version=\"1\",execution_provider=\"CPU\"}"));

        // Two calls of three series: both fall in the le="4" bucket, none in le="2".
        Assert.Equal(2, Value(text, "forecast_series_per_request_bucket{model=\"energy-load\",le=\"4\"}"));
        Assert.Equal(0, Value(text, "forecast_series_per_request_bucket{model=\"energy-load\",le=\"2\"}"));
        Assert.Equal(6, Value(text, "forecast_series_per_request_sum{model=\"energy-load\"}"));
        Assert.Equal(1, Value(text, "forecast_models_loaded"));
        Assert.Equal(1, Value(text, "forecast_models_failed"));
        Assert.Equal(1, Value(text, "forecast_model_info{model=\"energy-load\",version=\"1\",status=\"loaded\",execution_provider=\"CPU\"}"));
        Assert.Contains("# TYPE forecast_http_request_duration_seconds histogram", text, StringComparison.Ordinal);
        Assert.Matches(SampleLine(), text.Split('\n').First(l => l.Length > 0 && !l.StartsWith('#')));
    }

    [Fact]
    public async Task Metrics_AfterAForecast_AllocatedBytesHaveGrown()
    {
        using var repository = FixtureRepository.With(FixtureModel.Hourly());
        using var factory = new ApiFactory(repository.Root);
        using var client = factory.CreateClient();
        var before = Value(await client.GetStringAsync("/metrics"), "dotnet_gc_allocated_bytes_total");

        // A forecast's response alone is several KB, so the counter cannot stand still.
        await client.PostAsync("/v1/models/energy-load/forecast", Requests.Json(Requests.Body(Requests.Series("a", Requests.Wave(24)))));
        var after = Value(await client.GetStringAsync("/metrics"), "dotnet_gc_allocated_bytes_total");

        Assert.True(after > before + 1024, $"allocated bytes went from {before} to {after}");
    }

    private static double Value(string text, string series)
    {
        var line = text.Split('\n').SingleOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        Assert.True(line is not null, $"No sample {series} in:\n{text}");
        return double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^[a-z_]+(\{[a-z_]+=""[^""]*""(,[a-z_]+=""[^""]*"")*\})? [0-9.eE+-]+$")]
    private static partial Regex SampleLine();
}
