using System.Globalization;
using ForecastService.Core.Forecasting;

namespace ForecastService.Core.Analysis;

/// <summary>Checks an anomaly request against the model and the limits, and lists the windows to run.</summary>
public static class AnomalyValidator
{
    public const double PreferredLevel = 99;

    public static AnalysisValidationResult<AnomalyPlan> Validate(AnomalyRequest? request, ModelSignature model, RequestLimits limits, AnalysisLimits analysisLimits)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(analysisLimits);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null)
        {
            errors["$"] = ["The body must be a JSON object such as {\"level\": 99, \"step\": 1, \"series\": [{\"id\": \"a\", \"start\": \"2026-03-01T00:00:00Z\", \"values\": [...]}]}."];
            return AnalysisValidationResult<AnomalyPlan>.Invalid(errors, tooLarge: false);
        }

        var step = request.Step ?? 1;
        if (step < 1 || step > model.Horizon)
        {
            errors["step"] = [$"step must be between 1 and {model.Horizon} (the horizon of model '{model.Name}'); got {step}. Omit it for one-step-ahead checks."];
        }

        var level = LevelChoice.Check(request.Level, PreferredLevel, model, "level", errors);
        if (level is null && !errors.ContainsKey("level"))
        {
            errors["level"] = [$"Model '{model.Name}' gives no interval (its quantiles are {string.Join(", ", model.QuantileKeys)}), so it cannot flag anomalies."];
        }

        var required = model.Lookback + Math.Max(1, step);
        var need = string.Create(CultureInfo.InvariantCulture, $"checking {step}-step-ahead forecasts");
        var breakdown = string.Create(CultureInfo.InvariantCulture, $"lookback {model.Lookback} + {step}: the first checked point needs {required - 1} before it");
        var series = AnalysisSeriesReader.Read(request.Series, model, limits, required, need, breakdown, errors, out var tooLarge);
        if (series is null || errors.Count > 0)
        {
            return AnalysisValidationResult<AnomalyPlan>.Invalid(errors, tooLarge);
        }

        var total = series.Sum(s => (long)(s.Length - required + 1));
        if (total > analysisLimits.MaxModelWindows)
        {
            errors["series"] = [$"The request checks {total} observations, one model run each; at most {analysisLimits.MaxModelWindows} are allowed per call (Analysis:MaxModelWindows). Send shorter histories or fewer series per call."];
            return AnalysisValidationResult<AnomalyPlan>.Invalid(errors, tooLarge: true);
        }

        var windows = new List<AnalysisWindow>((int)total);
        for (var s = 0; s < series.Length; s++)
        {
            // Observation t is checked against the window ending step points before it: origin t − step + 1.
            for (var t = required - 1; t < series[s].Length; t++)
            {
                windows.Add(new AnalysisWindow(s, t - step + 1));
            }
        }

        return AnalysisValidationResult<AnomalyPlan>.Valid(new AnomalyPlan(level!.Value, step, series, windows));
    }
}
