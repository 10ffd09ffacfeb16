using System.Globalization;
using ForecastService.Api.Contracts;
using ForecastService.Core.Forecasting;
using ForecastService.Core.Time;

namespace ForecastService.Api.Streaming;

/// <summary>
/// Checks the new points of an observations call against the stream: 1 to the configured number of finite values,
/// one timestamp each, the first exactly the next step of the model's calendar after the stream's last timestamp and
/// each next one step after it. A repeated, earlier or skipped timestamp is refused naming the field, because the
/// state has already absorbed the stream up to its last timestamp and cannot go back or jump.
/// </summary>
internal static class StreamObservationValidator
{
    public static StreamObservations? Validate(
        StreamObservationRequest? body, ModelSignature model, DateTimeOffset last, int maxPoints, Dictionary<string, string[]> errors, out bool tooLarge)
    {
        tooLarge = false;
        if (body is null)
        {
            errors["$"] = ["The body must be a JSON object such as {\"timestamps\": [\"2026-03-01T01:00:00Z\"], \"values\": [12.5]}."];
            return null;
        }

        var count = Math.Max(body.Values?.Length ?? 0, body.Timestamps?.Length ?? 0);
        if (count > maxPoints)
        {
            tooLarge = true;
            errors["values"] = [$"The call has {count} points; at most {maxPoints} are allowed per observations call (Streaming:MaxPointsPerObservation). Send them in several calls, oldest first."];
            return null;
        }

        if (body.Values is not { Length: > 0 } raw)
        {
            errors["values"] = [$"values is required: 1 to {maxPoints} new observations, oldest first."];
            return null;
        }

        var values = new float[raw.Length];
        for (var j = 0; j < raw.Length; j++)
        {
            if (raw[j] is not { } value)
            {
                errors[$"values[{j}]"] = ["The value is null; fill missing observations before sending them (the model needs a number at every step)."];
                return null;
            }

            if (!double.IsFinite(value) || Math.Abs(value) > float.MaxValue)
            {
                errors[$"values[{j}]"] = [$"The value {value.ToString(CultureInfo.InvariantCulture)} is not a finite 32-bit number; send real observations only (no NaN or Infinity)."];
                return null;
            }

            if (Math.Abs(value) > model.MaxAbsValue)
            {
                errors[$"values[{j}]"] = [ForecastRequestValidator.TooLarge(value, model, "The observation")];
                return null;
            }

            values[j] = (float)value;
        }

        if (body.Timestamps is not { } texts)
        {
            errors["timestamps"] = ["timestamps is required: one ISO-8601 timestamp per value."];
            return null;
        }

        if (texts.Length != values.Length)
        {
            errors["timestamps"] = [$"timestamps has {texts.Length} entries but values has {values.Length}; send exactly one timestamp per value."];
            return null;
        }

        try
        {
            var timestamps = new DateTimeOffset[texts.Length];
            var previous = last;
            for (var j = 0; j < texts.Length; j++)
            {
                var field = $"timestamps[{j}]";
                if (!Timestamps.TryParse(texts[j], out var timestamp))
                {
                    errors[field] = [$"'{Clip(texts[j])}' is not an ISO-8601 timestamp; use e.g. 2026-03-01T00:00:00Z."];
                    return null;
                }

                if (!model.Calendar.Follows(previous, timestamp))
                {
                    errors[field] = [Misstep(j == 0, timestamp, previous, model)];
                    return null;
                }

                timestamps[j] = timestamp;
                previous = timestamp;
            }

            var future = new DateTimeOffset[model.Horizon];
            for (var h = 0; h < future.Length; h++)
            {
                previous = model.Calendar.Next(previous);
                future[h] = previous;
            }

            return new StreamObservations(values, timestamps, future);
        }
        catch (ArgumentOutOfRangeException)
        {
            errors["timestamps"] = ["The timestamps (or the forecast after them) leave the representable range of years 0001–9999."];
            return null;
        }
    }

    private static string Misstep(bool first, DateTimeOffset timestamp, DateTimeOffset previous, ModelSignature model)
    {
        var what = first ? $"the stream's last timestamp {Timestamps.Format(previous)}" : $"the previous timestamp {Timestamps.Format(previous)}";
        if (timestamp == previous)
        {
            return first
                ? $"{Timestamps.Format(timestamp)} duplicates {what}: that point was already observed. Send only points after it."
                : $"{Timestamps.Format(timestamp)} repeats {what}; remove duplicates.";
        }

        if (timestamp < previous)
        {
            return $"{Timestamps.Format(timestamp)} is out of order: it is earlier than {what}. Send new points only, oldest first.";
        }

        var expected = Timestamps.Format(model.Calendar.Next(previous));
        var steps = model.Calendar.IsRegular ? $"steps by {model.Frequency}" : $"observes {model.Calendar.Description}";
        return $"{Timestamps.Format(timestamp)} leaves a gap: it is {Gap(timestamp - previous)} after {what}, but model '{model.Name}' {steps}, so the next point must be at {expected}. Fill the gap, or re-warm the stream with POST /v1/streams.";
    }

    private static string Gap(TimeSpan gap) => gap.TotalDays >= 1
        ? $"{gap.TotalDays.ToString("0.###", CultureInfo.InvariantCulture)}d"
        : gap.TotalHours >= 1 ? $"{gap.TotalHours.ToString("0.###", CultureInfo.InvariantCulture)}h" : $"{gap.TotalMinutes.ToString("0.###", CultureInfo.InvariantCulture)}min";

    private static string Clip(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");
}
