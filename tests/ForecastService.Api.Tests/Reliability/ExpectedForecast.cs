using System.Globalization;
using System.Text.Json.Nodes;
using ForecastService.Api.Tests.Fixtures;

namespace ForecastService.Api.Tests.Reliability;

/// <summary>
/// A fixed forecast request and a check of any answer to it against the fixture's answer computed in plain C#, so a
/// load test counts a wrong 200 as a failure.
/// </summary>
public sealed class ExpectedForecast
{
    private readonly FixtureModel _model;
    private readonly double[][] _windows;

    public ExpectedForecast(FixtureModel model, int seriesCount)
    {
        _model = model;
        _windows = [.. Enumerable.Range(0, seriesCount).Select(i => Requests.Wave(model.Lookback, level: 100 + (50 * i)))];
        Body = Requests.Body([.. _windows.Select((w, i) => Requests.Series($"s{i}", w))]).ToJsonString();
    }

    public string Body { get; }

    public HttpRequestMessage Request(string path) => new(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = Requests.Json(Body) };

    /// <summary>Null when <paramref name="json"/> holds the expected quantiles for every series, else what differs.</summary>
    public string? Check(string json)
    {
        var forecasts = JsonNode.Parse(json)?["forecasts"]?.AsArray();
        if (forecasts is null || forecasts.Count != _windows.Length)
        {
            return "wrong number of forecasts";
        }

        for (var s = 0; s < _windows.Length; s++)
        {
            var forecast = forecasts[s]!;
            var future = forecast["timestamps"]!.AsArray().Select(t => DateTimeOffset.Parse((string)t!, CultureInfo.InvariantCulture)).ToArray();
            var expected = _model.Expected(_windows[s], future);
            for (var q = 0; q < _model.Quantiles.Length; q++)
            {
                var actual = forecast["quantiles"]![_model.Quantiles[q].ToString(CultureInfo.InvariantCulture)]!.AsArray();
                for (var h = 0; h < future.Length; h++)
                {
                    if (Math.Abs((double)actual[h]! - expected[h, q]) > 1e-3 * Math.Max(1, Math.Abs(expected[h, q])))
                    {
                        return $"series {s} step {h} quantile {_model.Quantiles[q]}: {(double)actual[h]!} vs {expected[h, q]}";
                    }
                }
            }
        }

        return null;
    }
}
