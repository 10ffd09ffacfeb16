using System.Globalization;
using ForecastService.Core.Forecasting;

namespace ForecastService.Core.Analysis;

/// <summary>Checks a backtest request against the model and the limits, and places its origins.</summary>
public static class BacktestValidator
{
    public const int DefaultWindows = 10;
    public const double PreferredLevel = 80;

    /// <param name="request">The body.</param>
    /// <param name="model">The model.</param>
    /// <param name="seasonality">The model card's season length (values below 1 count as 1).</param>
    /// <param name="limits">The forecast endpoint's limits on series and points.</param>
    /// <param name="analysisLimits">The limits on windows.</param>
    public static AnalysisValidationResult<BacktestPlan> Validate(
        BacktestRequest? request, ModelSignature model, int seasonality, RequestLimits limits, AnalysisLimits analysisLimits)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(analysisLimits);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null)
        {
            errors["$"] = ["The body must be a JSON object such as {\"windows\": 10, \"step\": 24, \"series\": [{\"id\": \"a\", \"start\": \"2026-03-01T00:00:00Z\", \"values\": [...]}]}."];
            return AnalysisValidationResult<BacktestPlan>.Invalid(errors, tooLarge: false);
        }

        seasonality = Math.Max(1, seasonality);
        var horizon = request.Horizon ?? model.Horizon;
        if (horizon < 1 || horizon > model.Horizon)
        {
            errors["horizon"] = [$"horizon must be between 1 and {model.Horizon} (the horizon of model '{model.Name}'); got {horizon}. Omit it to score all {model.Horizon} steps."];
        }

        var windows = request.Windows ?? DefaultWindows;
        if (windows < 1 || windows > analysisLimits.MaxWindows)
        {
            errors["windows"] = [$"windows must be between 1 and {analysisLimits.MaxWindows} (Analysis:MaxWindows); got {windows}."];
        }

        var step = request.Step ?? horizon;
        if (step < 1)
        {
            errors["step"] = [$"step is the distance between origins in steps of {model.Frequency}, at least 1; got {step}. Omit it for the horizon."];
        }

        var level = LevelChoice.Check(request.Level, PreferredLevel, model, "level", errors);
        var count = request.Series?.Length ?? 0;
        if (errors.Count == 0 && (long)count * windows > analysisLimits.MaxModelWindows)
        {
            errors["series"] = [$"{count} series × {windows} windows is {(long)count * windows} model runs; at most {analysisLimits.MaxModelWindows} are allowed per call (Analysis:MaxModelWindows). Send fewer series or windows per call."];
            return AnalysisValidationResult<BacktestPlan>.Invalid(errors, tooLarge: true);
        }

        // Seasonal naive's intervals need two seasonal differences inside its window; it sees the lookback like the
        // model, or a little more for a model whose lookback is shorter than a season and two points.
        var history = NaiveWindow(model.Lookback, seasonality);
        var required = errors.Count == 0 ? RollingOrigins.RequiredLength(history, horizon, windows, step) : model.Lookback;
        var need = string.Create(CultureInfo.InvariantCulture, $"a backtest of {windows} windows {step} steps apart, horizon {horizon},");
        var breakdown = string.Create(CultureInfo.InvariantCulture, $"{history} points of history + {horizon} + {windows - 1} × {step}");
        var series = AnalysisSeriesReader.Read(request.Series, model, limits, (int)Math.Min(required, int.MaxValue), need, breakdown, errors, out var tooLarge);
        if (series is null || errors.Count > 0)
        {
            return AnalysisValidationResult<BacktestPlan>.Invalid(errors, tooLarge);
        }

        var modelWindows = new List<AnalysisWindow>(series.Length * windows);
        for (var s = 0; s < series.Length; s++)
        {
            foreach (var origin in RollingOrigins.Place(series[s].Length, horizon, windows, step))
            {
                modelWindows.Add(new AnalysisWindow(s, origin));
            }
        }

        return AnalysisValidationResult<BacktestPlan>.Valid(new BacktestPlan(horizon, windows, step, level, seasonality, series, modelWindows));
    }

    /// <summary>How many points before each origin seasonal naive uses: the lookback, or a season and two points if that is longer.</summary>
    public static int NaiveWindow(int lookback, int seasonality) => Math.Max(lookback, seasonality + 2);
}
