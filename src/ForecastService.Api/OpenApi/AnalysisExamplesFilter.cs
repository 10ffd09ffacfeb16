using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ForecastService.Api.Json;
using ForecastService.Api.Models;
using ForecastService.Core.Analysis;
using ForecastService.Core.Forecasting;
using ForecastService.Core.Models;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ForecastService.Api.OpenApi;

/// <summary>
/// Adds one ready backtest and anomaly request per serving model, built from the model folder's <c>history.json</c>
/// (a held-out stretch of lookback + 5 × horizon points the trainer writes): a backtest of as many horizon-long windows
/// as fit, and an anomaly scan of the same history. Models without the file (older ones) get no example. Each body is
/// checked with the endpoint's own validation, so "Try it out" always works as-is.
/// </summary>
internal sealed class AnalysisExamplesFilter(ModelRepository repository, ILogger<AnalysisExamplesFilter> logger) : IOperationFilter
{
    // Keyed by the loaded model, so a reloaded version reads its folder again and a retired one is collected.
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

            var examples = _examples.GetValue(model, m => Build(entry.Name, m));
            if ((backtest ? examples.Backtest : examples.Anomalies) is not { } json)
            {
                continue;
            }

            var summary = $"{entry.Name} v{model.Signature.Version}: {examples.Description}";
            OperationExamples.Add(operation, media, entry.Name, model.Signature.Version, summary, model.Card.Description, json);
        }
    }

    private Examples Build(string name, LoadedModel model)
    {
        var signature = model.Signature;
        var path = Path.Combine(repository.Root, name, signature.Version.ToString(CultureInfo.InvariantCulture), ModelContract.HistoryFileName);
        if (!File.Exists(path))
        {
            return Examples.None;
        }

        try
        {
            var history = JsonSerializer.Deserialize(File.ReadAllText(path), ForecastJsonContext.Default.ForecastRequest);
            if (history?.Series is not [{ Values: { } values } series])
            {
                return Examples.None;
            }

            // As many whole horizons after the history seasonal naive and the model need as the file holds (5 when written as specified).
            var horizon = signature.Horizon;
            var windows = ((values.Length - BacktestValidator.NaiveWindow(signature.Lookback, model.Card.Seasonality) - horizon) / horizon) + 1;
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
                $"{values.Length} held-out points of series '{series.Id}'");
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            Log.HistoryIgnored(logger, name, signature.Version, ex.Message);
            return Examples.None;
        }
    }

    private sealed record Examples(string? Backtest, string? Anomalies, string Description)
    {
        public static Examples None { get; } = new(null, null, string.Empty);
    }
}
