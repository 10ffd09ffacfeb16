using System.Net;
using System.Text.Json.Nodes;
using ForecastService.Api.Tests.Fixtures;

namespace ForecastService.Api.Tests.Streaming;

/// <summary>
/// A stream is exact: warmed on a window and fed N more points in several calls, it answers what step.onnx gives
/// from scratch over window + N with the same frozen scaling, and its warm-up forecast is the window model's.
/// Run on shipped models, a GRU and an LSTM, with their real held-out histories.
/// </summary>
public sealed class StreamExactnessTests
{
    // The contract's tolerance, relative to the forecast's magnitude (and absolute below 1).
    private const double Tolerance = 1e-4;

    [Theory]
    [InlineData("sensor-river")]
    [InlineData("finance-markets")]
    public async Task Observations_InSeveralCalls_EqualStepModelFromZeroStateOverWindowPlusNewPoints(string name)
    {
        using var repository = new FixtureRepository();
        var model = StreamingModel.CopyShipped(repository, name);
        using var factory = new ApiFactory(repository.Root);
        using var client = factory.CreateClient();
        using var warmed = await client.PostAsync("/v1/streams", Requests.Json(model.WarmBody("exact")));
        Assert.True(warmed.StatusCode == HttpStatusCode.Created, await warmed.Content.ReadAsStringAsync());

        int[] calls = [1, 2, 4];
        var at = model.Lookback;
        JsonNode? last = null;
        foreach (var count in calls)
        {
            using var response = await client.PostAsync("/v1/streams/exact/observations", Requests.Json(model.ObservationBody(at, count)));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, text);
            last = JsonNode.Parse(text)!;
            at += count;
        }

        var expected = StepReference.Forecast(model, model.Values[..at], model.Timestamps[..at]);
        Assert.Equal(model.Timestamps[at - 1], (string)last!["lastTimestamp"]!);
        Assert.Equal(at, (long)last["points"]!);
        AssertForecast(model, expected, last["forecast"]!);
    }

    [Theory]
    [InlineData("sensor-river")]
    [InlineData("finance-markets")]
    public async Task Warm_OnAWindow_EqualsForecastEndpointOnTheSameWindow(string name)
    {
        using var repository = new FixtureRepository();
        var model = StreamingModel.CopyShipped(repository, name);
        using var factory = new ApiFactory(repository.Root);
        using var client = factory.CreateClient();

        // A window from the middle of the history, so the warm-up does not start where the trainer's example does.
        var from = model.Values.Length - model.Lookback - 3;
        using var warmed = await client.PostAsync("/v1/streams", Requests.Json(model.WarmBody("window", from)));
        using var forecast = await client.PostAsync(
            $"/v1/models/{name}/forecast",
            Requests.Json(Requests.Body(Requests.Series("window", [.. model.Values.Skip(from).Take(model.Lookback)], [.. model.Timestamps.Skip(from).Take(model.Lookback)]))));

        var streamText = await warmed.Content.ReadAsStringAsync();
        var forecastText = await forecast.Content.ReadAsStringAsync();
        Assert.True(warmed.StatusCode == HttpStatusCode.Created, streamText);
        Assert.True(forecast.StatusCode == HttpStatusCode.OK, forecastText);
        var window = JsonNode.Parse(forecastText)!["forecasts"]![0]!;
        var expected = new float[model.Horizon, model.Quantiles.Length];
        for (var q = 0; q < model.Quantiles.Length; q++)
        {
            var column = window["quantiles"]![model.Key(q)]!.AsArray();
            for (var h = 0; h < model.Horizon; h++)
            {
                expected[h, q] = (float)column[h]!;
            }
        }

        var stream = JsonNode.Parse(streamText)!;
        Assert.Equal(window["timestamps"]!.AsArray().Select(t => (string)t!), stream["forecast"]!["timestamps"]!.AsArray().Select(t => (string)t!));
        AssertForecast(model, expected, stream["forecast"]!);
    }

    private static void AssertForecast(StreamingModel model, float[,] expected, JsonNode forecast)
    {
        for (var q = 0; q < model.Quantiles.Length; q++)
        {
            var actual = forecast["quantiles"]![model.Key(q)]!.AsArray().Select(v => (double)v!).ToArray();
            Assert.Equal(model.Horizon, actual.Length);
            for (var h = 0; h < model.Horizon; h++)
            {
                var e = expected[h, q];
                Assert.True(
                    Math.Abs(actual[h] - e) <= Tolerance * Math.Max(1, Math.Abs(e)),
                    $"{model.Name} quantile {model.Key(q)} step {h}: stream {actual[h]} vs from scratch {e}");
            }
        }
    }
}
