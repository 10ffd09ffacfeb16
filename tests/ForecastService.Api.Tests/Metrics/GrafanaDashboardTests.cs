using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ForecastService.Api.Tests.Fixtures;
using ForecastService.Api.Tests.Streaming;

namespace ForecastService.Api.Tests.Metrics;

/// <summary>
/// deploy/grafana/forecastservice.json against what the service really exports: every metric a panel or variable
/// queries must be on /metrics of the built service (real Kestrel) after a forecast, a stream observation and a backtest.
/// </summary>
public sealed partial class GrafanaDashboardTests
{
    private static readonly HashSet<string> PromQlWords = new(StringComparer.Ordinal) { "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "bool", "offset" };

    [Fact]
    public async Task Dashboard_EveryQueriedMetric_IsOnMetricsAfterForecastStreamAndBacktest()
    {
        var dashboard = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "deploy", "grafana", "forecastservice.json")))!;
        var queried = QueriedMetrics(dashboard);

        using var repository = new FixtureRepository();
        var streaming = StreamingModel.CopyShipped(repository, "sensor-river");
        repository.Add(FixtureModel.Hourly());
        await using var service = await TestService.StartAsync(repository.Root);
        using var client = new HttpClient { BaseAddress = service.BaseAddress };
        var forecast = await client.PostAsync("/v1/models/energy-load/forecast", Requests.Json(Requests.Body(Requests.Series("a", Requests.Wave(24)))));
        var warm = await client.PostAsync("/v1/streams", Requests.Json(streaming.WarmBody("dash")));
        var observe = await client.PostAsync("/v1/streams/dash/observations", Requests.Json(streaming.ObservationBody(streaming.Lookback, 1)));
        var backtest = await client.PostAsync("/v1/models/energy-load/backtest", Requests.Json(new JsonObject { ["windows"] = 3, ["series"] = new JsonArray(Requests.Series("a", Requests.Wave(60))) }));
        var exported = PrometheusText.Parse(await client.GetStringAsync("/metrics")).Names;

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.OK],
            [forecast.StatusCode, warm.StatusCode, observe.StatusCode, backtest.StatusCode]);
        Assert.True(queried.Count >= 20, $"only {queried.Count} metrics found in the dashboard: {string.Join(", ", queried)}");
        var missing = queried.Where(name => !exported.Contains(name)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, $"The dashboard queries metrics /metrics does not export: {string.Join(", ", missing)}.\nExported: {string.Join(", ", exported.Order(StringComparer.Ordinal))}");
    }

    [Fact]
    public async Task Dashboard_Panels_EachQueriesThroughTheDatasourceVariable()
    {
        var dashboard = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "deploy", "grafana", "forecastservice.json")))!;
        var panels = dashboard["panels"]!.AsArray().Where(p => (string?)p!["type"] != "row").ToList();

        Assert.NotEmpty(panels);
        Assert.All(panels, p => Assert.NotEmpty(p!["targets"]!.AsArray()));
        Assert.All(panels, p => Assert.Equal("${datasource}", (string?)p!["datasource"]!["uid"]));
        Assert.Equal(panels.Count, panels.Select(p => (int)p!["id"]!).Distinct().Count());
    }

    /// <summary>Metric names in every panel expression and variable query: identifiers left once label matchers, ranges, grouping and function calls are taken out.</summary>
    private static SortedSet<string> QueriedMetrics(JsonNode dashboard)
    {
        var expressions = dashboard["panels"]!.AsArray().SelectMany(p => p!["targets"]?.AsArray() ?? []).Select(t => (string)t!["expr"]!).ToList();
        var variables = dashboard["templating"]!["list"]!.AsArray().Select(v => (string?)v!["definition"]).OfType<string>();
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var expression in expressions.Concat(variables))
        {
            var bare = Grouping().Replace(Ranges().Replace(Matchers().Replace(expression, " "), " "), " ");
            foreach (Match m in Identifier().Matches(bare))
            {
                if (!m.Groups["call"].Success && !PromQlWords.Contains(m.Groups["name"].Value))
                {
                    names.Add(m.Groups["name"].Value);
                }
            }
        }

        // label_values(metric, label): the label is not a metric.
        foreach (var variable in variables)
        {
            names.Remove(LabelValuesLabel().Match(variable).Groups[1].Value);
        }

        return names;
    }

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Matchers();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Ranges();

    [GeneratedRegex(@"\b(by|without)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"(?<![\w.$])(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<call>\s*\()?")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"label_values\([^,]+,\s*(\w+)\)")]
    private static partial Regex LabelValuesLabel();
}
