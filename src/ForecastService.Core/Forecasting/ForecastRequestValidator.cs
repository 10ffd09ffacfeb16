using System.Globalization;
using ForecastService.Core.Time;

namespace ForecastService.Core.Forecasting;

/// <summary>
/// Checks a forecast request against a model and the request limits, and cuts each series to the model's window.
/// Every error names the JSON path of the field and says how to fix it; one bad value stops checking its array so
/// a million bad points give one message, not a million.
/// </summary>
public static class ForecastRequestValidator
{
    public const int MaxIdLength = 200;
    private const int MaxErrors = 20;

    public static ForecastValidationResult Validate(ForecastRequest? request, ModelSignature model, RequestLimits limits)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new ErrorBag();
        if (request is null)
        {
            errors.Add("$", "The body must be a JSON object such as {\"series\": [{\"id\": \"a\", \"start\": \"2026-03-01T00:00:00Z\", \"values\": [...]}]}.");
            return ForecastValidationResult.Invalid(errors.ToDictionary(), tooLarge: false);
        }

        if (CheckLimits(request.Series, limits, errors))
        {
            return ForecastValidationResult.Invalid(errors.ToDictionary(), tooLarge: true);
        }

        var horizon = request.Horizon ?? model.Horizon;
        if (horizon < 1 || horizon > model.Horizon)
        {
            errors.Add("horizon", $"horizon must be between 1 and {model.Horizon} (the horizon of model '{model.Name}'); got {horizon}. Omit it to get all {model.Horizon} steps.");
        }

        var levels = CheckLevels(request.Levels, model, limits, errors);
        var windows = CheckSeries(request.Series, model, errors, out var points);
        if (errors.Count > 0 || windows is null)
        {
            return ForecastValidationResult.Invalid(errors.ToDictionary(), tooLarge: false);
        }

        return CheckAnswerSize(windows.Length, horizon, levels.Length, model, limits, errors)
            ? ForecastValidationResult.Invalid(errors.ToDictionary(), tooLarge: true)
            : ForecastValidationResult.Valid(new ForecastPlan(horizon, levels, windows) { PointCount = points });
    }

    /// <summary>
    /// Numbers in the answer: per series and step its median, every quantile, two bounds per level and a timestamp.
    /// </summary>
    public static long AnswerValues(int series, int horizon, int levels, ModelSignature model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return (long)series * horizon * (2L + model.Quantiles.Count + (2L * levels));
    }

    private static bool CheckAnswerSize(int series, int horizon, int levels, ModelSignature model, RequestLimits limits, ErrorBag errors)
    {
        var values = AnswerValues(series, horizon, levels, model);
        if (values <= limits.MaxResponseValues)
        {
            return false;
        }

        errors.Add("$", $"The answer would carry {values} numbers ({series} series × {horizon} steps × (median, {model.Quantiles.Count} quantiles, 2 bounds for each of {levels} levels, timestamp)); at most {limits.MaxResponseValues} are allowed per call (RequestLimits:MaxResponseValues). Ask for fewer levels, a shorter horizon or fewer series per call.");
        return true;
    }

    private static bool CheckLimits(SeriesInput?[]? series, RequestLimits limits, ErrorBag errors)
    {
        if (series is null)
        {
            return false;
        }

        if (series.Length > limits.MaxSeries)
        {
            errors.Add("series", $"The request has {series.Length} series; at most {limits.MaxSeries} are allowed per call. Split it into several calls.");
            return true;
        }

        long total = 0;
        for (var i = 0; i < series.Length; i++)
        {
            var count = Math.Max(series[i]?.Values?.Length ?? 0, series[i]?.Timestamps?.Length ?? 0);
            if (count > limits.MaxPointsPerSeries)
            {
                errors.Add($"series[{i}].values", $"The series has {count} points; at most {limits.MaxPointsPerSeries} are allowed per series. Send only recent history (the model uses the last lookback points).");
            }

            total += count;
        }

        if (errors.Count == 0 && total > limits.MaxTotalPoints)
        {
            errors.Add("series", $"The request has {total} points in all; at most {limits.MaxTotalPoints} are allowed per call. Send fewer series or shorter histories.");
        }

        return errors.Count > 0;
    }

    /// <summary>
    /// The levels to answer, each once in the order first asked: a list of repeats must not multiply the answer.
    /// </summary>
    private static double[] CheckLevels(double[]? requested, ModelSignature model, RequestLimits limits, ErrorBag errors)
    {
        if (requested is null)
        {
            return [.. model.Levels];
        }

        if (requested.Length > limits.MaxLevels)
        {
            errors.Add("levels", $"levels has {requested.Length} entries; at most {limits.MaxLevels} are allowed (RequestLimits:MaxLevels). Send each level once, e.g. [80, 95].");
            return [];
        }

        var distinct = new List<double>(requested.Length);
        for (var i = 0; i < requested.Length; i++)
        {
            var level = requested[i];
            if (!double.IsFinite(level) || level <= 0 || level >= 100)
            {
                errors.Add($"levels[{i}]", $"A level is a coverage in percent strictly between 0 and 100, e.g. 80; got {Text(level)}.");
            }
            else if (!PredictionLevels.IsAvailable(level, model.Levels))
            {
                var available = model.Levels.Count == 0 ? "none" : string.Join(", ", model.Levels.Select(Text));
                errors.Add($"levels[{i}]", $"Model '{model.Name}' cannot give a {Text(level)}% interval from its quantiles ({string.Join(", ", model.QuantileKeys)}); available levels: {available}.");
            }
            else if (!PredictionLevels.IsAvailable(level, distinct))
            {
                distinct.Add(level);
            }
        }

        return [.. distinct];
    }

    private static SeriesWindow[]? CheckSeries(SeriesInput?[]? series, ModelSignature model, ErrorBag errors, out int points)
    {
        points = 0;
        if (series is null || series.Length == 0)
        {
            errors.Add("series", "Send at least one series, e.g. {\"series\": [{\"id\": \"a\", \"timestamps\": [...], \"values\": [...]}]}.");
            return null;
        }

        var windows = new SeriesWindow[series.Length];
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < series.Length && !errors.IsFull; i++)
        {
            var path = $"series[{i}]";
            if (series[i] is not { } input)
            {
                errors.Add(path, "Each series must be an object with values and timestamps (or start).");
                continue;
            }

            var id = input.Id ?? i.ToString(CultureInfo.InvariantCulture);
            if (!CheckId(id, path, ids, errors))
            {
                continue;
            }

            var values = CheckValues(input.Values, model, id, path, errors);
            var timestamps = values is null ? null : CheckTimestamps(input, values.Length, model, path, errors);
            if (values is null || timestamps is null)
            {
                continue;
            }

            points += values.Length;
            var window = new float[model.Lookback];
            for (var t = 0; t < window.Length; t++)
            {
                window[t] = (float)values[values.Length - model.Lookback + t];
            }

            windows[i] = new SeriesWindow(id, window, timestamps.Past, timestamps.Future);
        }

        return errors.Count > 0 ? null : windows;
    }

    private static bool CheckId(string id, string path, HashSet<string> ids, ErrorBag errors)
    {
        if (id.Length is 0 or > MaxIdLength || id.Any(char.IsControl))
        {
            errors.Add($"{path}.id", $"An id must be 1 to {MaxIdLength} characters without control characters.");
            return false;
        }

        if (!ids.Add(id))
        {
            errors.Add($"{path}.id", $"The id '{id}' is used by an earlier series; give each series its own id.");
            return false;
        }

        return true;
    }

    private static double[]? CheckValues(double?[]? values, ModelSignature model, string id, string path, ErrorBag errors)
    {
        if (values is null || values.Length == 0)
        {
            errors.Add($"{path}.values", $"values is required: at least {model.Lookback} numbers (the lookback of model '{model.Name}'), oldest first.");
            return null;
        }

        var result = new double[values.Length];
        for (var j = 0; j < values.Length; j++)
        {
            if (values[j] is not { } value)
            {
                errors.Add($"{path}.values[{j}]", "The value is null; fill or drop missing observations before forecasting (the model needs a number at every step).");
                return null;
            }

            if (!double.IsFinite(value) || Math.Abs(value) > float.MaxValue)
            {
                errors.Add($"{path}.values[{j}]", $"The value {Text(value)} is not a finite 32-bit number; send real observations only (no NaN or Infinity).");
                return null;
            }

            if (Math.Abs(value) > model.MaxAbsValue)
            {
                errors.Add($"{path}.values[{j}]", TooLarge(value, model, $"Series '{Clip(id)}'"));
                return null;
            }

            result[j] = value;
        }

        if (values.Length < model.Lookback)
        {
            errors.Add($"{path}.values", $"The series has {values.Length} values; model '{model.Name}' needs at least {model.Lookback} (its lookback). Send more history.");
            return null;
        }

        return result;
    }

    private static WindowTimes? CheckTimestamps(SeriesInput input, int count, ModelSignature model, string path, ErrorBag errors)
    {
        if (input.Timestamps is not null && input.Start is not null)
        {
            errors.Add($"{path}.start", "Send either timestamps (one per value) or start (the first timestamp of a regular series), not both.");
            return null;
        }

        try
        {
            if (input.Start is not null)
            {
                if (!Timestamps.TryParse(input.Start, out var start))
                {
                    errors.Add($"{path}.start", $"'{Clip(input.Start)}' is not an ISO-8601 timestamp; use e.g. 2026-03-01T00:00:00Z.");
                    return null;
                }

                if (!model.Calendar.Contains(start))
                {
                    errors.Add($"{path}.start", $"{Timestamps.Format(start)} is not on the calendar of model '{model.Name}' ({model.Calendar.Description}); start at an observation time.");
                    return null;
                }

                var first = model.Calendar.Advance(start, count - model.Lookback);
                return Window(first, model);
            }

            if (input.Timestamps is not { } texts)
            {
                errors.Add($"{path}.timestamps", "timestamps is required (one ISO-8601 timestamp per value), or send start for a regular series.");
                return null;
            }

            if (texts.Length != count)
            {
                errors.Add($"{path}.timestamps", $"timestamps has {texts.Length} entries but values has {count}; send exactly one timestamp per value.");
                return null;
            }

            return CheckTimestampTexts(texts, model, path, errors);
        }
        catch (ArgumentOutOfRangeException)
        {
            // DateTimeOffset cannot go past year 9999 or before year 1.
            errors.Add($"{path}.timestamps", "The timestamps (or the forecast after them) leave the representable range of years 0001–9999.");
            return null;
        }
    }

    private static WindowTimes? CheckTimestampTexts(string[] texts, ModelSignature model, string path, ErrorBag errors)
    {
        var previous = default(DateTimeOffset);
        var windowStart = texts.Length - model.Lookback;
        var past = new DateTimeOffset[model.Lookback];
        for (var j = 0; j < texts.Length; j++)
        {
            if (!Timestamps.TryParse(texts[j], out var timestamp))
            {
                errors.Add($"{path}.timestamps[{j}]", $"'{Clip(texts[j])}' is not an ISO-8601 timestamp; use e.g. 2026-03-01T00:00:00Z.");
                return null;
            }

            if (j == 0 && !model.Calendar.Contains(timestamp))
            {
                errors.Add($"{path}.timestamps[0]", $"{Timestamps.Format(timestamp)} is not on the calendar of model '{model.Name}' ({model.Calendar.Description}); send observations only.");
                return null;
            }

            if (j > 0 && !model.Calendar.Follows(previous, timestamp))
            {
                var message = timestamp == previous
                    ? $"{Timestamps.Format(timestamp)} repeats the previous timestamp; remove duplicates."
                    : timestamp < previous
                        ? $"{Timestamps.Format(timestamp)} is earlier than the previous timestamp {Timestamps.Format(previous)}; sort the series oldest first."
                        : model.Calendar.IsRegular
                            ? $"{Timestamps.Format(timestamp)} is {Gap(timestamp - previous)} after {Timestamps.Format(previous)}, but model '{model.Name}' needs one step of {model.Frequency} between points; resample the series to {model.Frequency} and fill gaps."
                            : $"{Timestamps.Format(timestamp)} is {Gap(timestamp - previous)} after {Timestamps.Format(previous)}, but model '{model.Name}' observes {model.Calendar.Description}, so the next point is at {Timestamps.Format(model.Calendar.Next(previous))}; fill the missing readings.";
                errors.Add($"{path}.timestamps[{j}]", message);
                return null;
            }

            if (j >= windowStart)
            {
                past[j - windowStart] = timestamp;
            }

            previous = timestamp;
        }

        return new WindowTimes(past, Future(previous, model));
    }

    private static WindowTimes Window(DateTimeOffset first, ModelSignature model)
    {
        var past = new DateTimeOffset[model.Lookback];
        past[0] = first;
        for (var t = 1; t < past.Length; t++)
        {
            past[t] = model.Calendar.Next(past[t - 1]);
        }

        return new WindowTimes(past, Future(past[^1], model));
    }

    private static DateTimeOffset[] Future(DateTimeOffset last, ModelSignature model)
    {
        var future = new DateTimeOffset[model.Horizon];
        var current = last;
        for (var h = 0; h < future.Length; h++)
        {
            current = model.Calendar.Next(current);
            future[h] = current;
        }

        return future;
    }

    /// <summary>Why a value beyond <see cref="ModelSignature.MaxAbsValue"/> is refused, and what to do instead.</summary>
    public static string TooLarge(double value, ModelSignature model, string what)
    {
        ArgumentNullException.ThrowIfNull(model);
        var bound = model.MaxAbsValue.ToString("0.##E+0", CultureInfo.InvariantCulture);
        return $"{what}: the value {Text(value)} is beyond ±{bound}, the largest magnitude model '{model.Name}' can scale in its 32-bit arithmetic (√(float max / (4 × lookback {model.Lookback}))): the window's variance would overflow. Send the series in larger units (e.g. thousands) and scale the forecast back.";
    }

    private static string Gap(TimeSpan gap) => gap.TotalDays >= 1 ? $"{gap.TotalDays:0.###}d" : gap.TotalHours >= 1 ? $"{gap.TotalHours:0.###}h" : $"{gap.TotalMinutes:0.###}min";

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Clip(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");

    private sealed record WindowTimes(DateTimeOffset[] Past, DateTimeOffset[] Future);

    /// <summary>Field errors, at most <see cref="MaxErrors"/> fields, so a hostile request cannot make a huge answer.</summary>
    private sealed class ErrorBag
    {
        private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

        public int Count => _errors.Count;

        public bool IsFull => _errors.Count >= MaxErrors;

        public void Add(string field, string message)
        {
            if (_errors.TryGetValue(field, out var list))
            {
                list.Add(message);
            }
            else if (!IsFull)
            {
                _errors.Add(field, [message]);
            }
        }

        public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
    }
}
