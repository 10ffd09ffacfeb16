using ForecastService.Core.Forecasting;
using ForecastService.Core.Time;

namespace ForecastService.Core.Analysis;

/// <summary>
/// Checks the series of a backtest or anomaly scan with the forecast endpoint's own rules (ids, finite values,
/// timestamps or start, spacing at the model's frequency, request limits), then keeps every point rather than the last
/// lookback: an analysis runs the model at many origins of the same history.
/// </summary>
internal static class AnalysisSeriesReader
{
    /// <param name="series">The request's series.</param>
    /// <param name="model">The model.</param>
    /// <param name="limits">The forecast endpoint's request limits.</param>
    /// <param name="minimumPoints">How many points each series needs for this analysis.</param>
    /// <param name="need">What needs them, in words, e.g. "a backtest of 10 windows 24 steps apart, horizon 48,".</param>
    /// <param name="breakdown">How the count adds up, e.g. "336 points of history + 48 + 9 × 24".</param>
    /// <param name="errors">Where field errors go.</param>
    /// <param name="tooLarge">Set when a request limit was broken (413 rather than 400).</param>
    /// <returns>The series, or null when any error was found.</returns>
    public static AnalysisSeries[]? Read(
        SeriesInput[]? series, ModelSignature model, RequestLimits limits, int minimumPoints, string need, string breakdown, Dictionary<string, string[]> errors, out bool tooLarge)
    {
        // The forecast validator checks everything but the length this analysis needs; an empty levels list keeps it
        // from judging levels, which each analysis checks itself. An analysis answers no forecast arrays (its own
        // limits bound its answer), so the forecast answer's size cap does not apply.
        var validation = ForecastRequestValidator.Validate(new ForecastRequest { Levels = [], Series = series }, model, limits with { MaxResponseValues = int.MaxValue });
        tooLarge = validation.IsTooLarge;
        if (tooLarge)
        {
            foreach (var (field, messages) in validation.Errors)
            {
                errors[field] = messages;
            }

            return null;
        }

        foreach (var (field, messages) in validation.Errors)
        {
            errors.TryAdd(field, messages);
        }

        for (var i = 0; series is not null && i < series.Length; i++)
        {
            if (series[i]?.Values is { } values && values.Length < minimumPoints)
            {
                // Replaces the validator's "needs its lookback": this analysis needs more, and says how many and why.
                var id = series[i]!.Id ?? i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                errors[$"series[{i}].values"] =
                [
                    $"Series '{Clip(id)}' has {values.Length} values; {need} with model '{model.Name}' needs at least {minimumPoints} ({breakdown}). Send more history.",
                ];
            }
        }

        if (errors.Count > 0 || validation.Plan is not { } plan)
        {
            return null;
        }

        var result = new AnalysisSeries[series!.Length];
        for (var i = 0; i < result.Length; i++)
        {
            var input = series[i]!;
            var values = new double[input.Values!.Length];
            for (var j = 0; j < values.Length; j++)
            {
                values[j] = input.Values[j]!.Value;
            }

            result[i] = new AnalysisSeries(plan.Windows[i].Id, values, TimestampsOf(input, values.Length, model.Calendar));
        }

        return result;
    }

    /// <summary>Every timestamp of a series the validator accepted: parsed texts, or start advanced one step at a time.</summary>
    private static DateTimeOffset[] TimestampsOf(SeriesInput input, int count, SeriesCalendar calendar)
    {
        var timestamps = new DateTimeOffset[count];
        if (input.Timestamps is { } texts)
        {
            for (var j = 0; j < count; j++)
            {
                timestamps[j] = Timestamps.Parse(texts[j]);
            }

            return timestamps;
        }

        timestamps[0] = Timestamps.Parse(input.Start!);
        for (var j = 1; j < count; j++)
        {
            timestamps[j] = calendar.Next(timestamps[j - 1]);
        }

        return timestamps;
    }

    private static string Clip(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");
}
