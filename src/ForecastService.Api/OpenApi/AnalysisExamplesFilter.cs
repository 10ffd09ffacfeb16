using System.Runtime.CompilerServices;
using System.Text.Json;
using ForecastService.Api.Json;
using ForecastService.Api.Models;
using ForecastService.Core.Analysis;
using ForecastService.Core.Forecasting;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ForecastService.Api.OpenApi;

/// <summary>
/// Adds one ready backtest and anomaly request per serving model, built from the <c>history.json</c> read at load
/// (a held-out stretch of lookback + 5 × horizon points the trainer writes): a backtest of as many horizon-long windows
/// as fit, and an anomaly scan of the same history. Models without the file (older ones) get no example. Each body is
/// checked with the endpoint's own validation, so "Try it out" always works as-is.
/// </summary>
internal sealed class AnalysisExamplesFilter(ModelRepository repository) : IOperationFilter
{
    // Keyed by the loaded model (validating the examples costs a little), so a reloaded version is built again and a retired one is collected.
    private readonly ConditionalWeakTable<LoadedModel, Examples> _examples = [];

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var route = context.ApiDescription.RelativePath ?? string.Empty;
        var backtest = route.EndsWith("/backtest", StringComparison.Ordinal);
        if (!backtest && !route.EndsWith("/anomalies", StringComparison.Ordinal))
        {
            return;
        }

        var media = OperationExamples.JsonBody(operation);

        foreach (var entry in repository.Catalog.Models)
        {
            if (entry.Serving is not { } model)
            {
                continue;
            }

            var examples = _examples.GetValue(model, Build);
            if ((backtest ? examples.Backtest : examples.Anomalies) is not { } json)
            {
                continue;
            }

            var summary = $"{entry.Name} v{model.Signature.Version}: {examples.Description}";
            OperationExamples.Add(operation, media, entry.Name, model.Signature.Version, summary, model.Card.Description, json);
        }
    }

    private static Examples Build(LoadedModel model)
    {
        if (model.History is not { } history)
        {
            return Examples.None;
        }

        // As many whole horizons after the history seasonal naive and the model need as the file holds (5 when written as specified).
        var signature = model.Signature;
        var horizon = signature.Horizon;
        var series = history.ToSeriesInput();
        var windows = ((history.Values.Length - BacktestValidator.NaiveWindow(signature.Lookback, model.Card.Seasonality) - horizon) / horizon) + 1;
        var backtest = new BacktestRequest { Windows = windows, Step = horizon, Series = [series] };
        var anomalies = new AnomalyRequest { Series = [series] };

        // Checked with the endpoints' own rules and limits far above any real request: a bad file gives no example, not a broken one.
        var limits = new RequestLimits(100_000, 10_000_000, 100_000_000);
        var analysisLimits = new AnalysisLimits(100_000, 10_000_000);
        var backtestOk = windows >= 1 && BacktestValidator.Validate(backtest, signature, model.Card.Seasonality, limits, analysisLimits).Plan is not null;
        var anomaliesOk = AnomalyValidator.Validate(anomalies, signature, limits, analysisLimits).Plan is not null;
        return new Examples(
            backtestOk ? JsonSerializer.Serialize(backtest, ForecastJsonContext.Default.BacktestRequest) : null,
            anomaliesOk ? JsonSerializer.Serialize(anomalies, ForecastJsonContext.Default.AnomalyRequest) : null,
            $"{history.Values.Length} held-out points of series '{history.Id}'");
    }

    private sealed record Examples(string? Backtest, string? Anomalies, string Description)
    {
        public static Examples None { get; } = new(null, null, string.Empty);
    }
}
