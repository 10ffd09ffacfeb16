using ForecastService.Core.Time;

namespace ForecastService.Core.Forecasting;

/// <summary>
/// Turns the model's quantile tensor into the API's answer: median, every quantile by key, and intervals by level, each
/// a slice of the output's columns (the output is the call's own, never a pooled buffer, so the slices stay valid).
/// </summary>
public static class ForecastShaper
{
    public static IReadOnlyList<SeriesForecast> Shape(ForecastPlan plan, ModelSignature model, ForecastOutput output)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(output);
        if (output.BatchSize != plan.Windows.Count || output.QuantileCount != model.Quantiles.Count || output.Horizon < plan.Horizon)
        {
            throw new ArgumentException(
                $"The model answered [{output.BatchSize}, {output.Horizon}, {output.QuantileCount}] for {plan.Windows.Count} windows of horizon {plan.Horizon} and {model.Quantiles.Count} quantiles.",
                nameof(output));
        }

        var forecasts = new SeriesForecast[plan.Windows.Count];
        for (var b = 0; b < forecasts.Length; b++)
        {
            // The model always runs its full horizon; a shorter one keeps the first steps. Slices, not copies.
            var columns = new ReadOnlyMemory<float>[model.Quantiles.Count];
            var quantiles = new Dictionary<string, ReadOnlyMemory<float>>(model.Quantiles.Count, StringComparer.Ordinal);
            for (var q = 0; q < columns.Length; q++)
            {
                columns[q] = output.Column(b, q)[..plan.Horizon];
                quantiles.Add(model.QuantileKeys[q], columns[q]);
            }

            var intervals = new PredictionInterval[plan.Levels.Count];
            for (var i = 0; i < intervals.Length; i++)
            {
                var (lower, upper) = PredictionLevels.QuantilesOf(plan.Levels[i]);
                intervals[i] = new PredictionInterval(plan.Levels[i], columns[IndexOf(model, lower)], columns[IndexOf(model, upper)]);
            }

            var window = plan.Windows[b];
            var timestamps = new string[plan.Horizon];
            for (var h = 0; h < timestamps.Length; h++)
            {
                timestamps[h] = Timestamps.Format(window.FutureTimestamps[h]);
            }

            forecasts[b] = new SeriesForecast(window.Id, timestamps, columns[model.MedianIndex], quantiles, intervals);
        }

        return forecasts;
    }

    private static int IndexOf(ModelSignature model, double quantile)
    {
        // Levels were validated against the model, so both quantiles exist; match with the same tolerance as PredictionLevels.
        for (var q = 0; q < model.Quantiles.Count; q++)
        {
            if (Math.Abs(model.Quantiles[q] - quantile) < 1e-6)
            {
                return q;
            }
        }

        throw new ArgumentException($"Model '{model.Name}' has no quantile {quantile}.", nameof(quantile));
    }
}
