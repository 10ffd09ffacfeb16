using System.Globalization;
using System.Text;
using System.Text.Json;
using ForecastService.Api.Tests.Fixtures;

namespace ForecastService.Api.Tests.Security;

/// <summary>Expands the corpus's placeholders and generators into request bodies for a 24-hour hourly window.</summary>
public static class HostileBodies
{
    private const string Start = "2026-03-02T00:00:00Z";

    public static string Expand(HostileCase hostile)
    {
        ArgumentNullException.ThrowIfNull(hostile);
        if (hostile.Generate is { } generate)
        {
            var (kind, count) = Split(generate);
            return kind switch
            {
                "values" => $"{{\"series\":[{{\"id\":\"a\",\"start\":\"{Start}\",\"values\":{Numbers(Requests.Wave(count))}}}]}}",
                "series" => $"{{\"series\":[{string.Join(",", Enumerable.Range(0, count).Select(i => Window($"s{i}")))}]}}",
                "nesting" => $"{{\"series\":{new string('[', count)}{new string(']', count)}}}",
                "objects" => $"{{\"series\":[],\"x\":{string.Concat(Enumerable.Repeat("{\"a\":", count))}1{new string('}', count)}}}",
                "id" => $"{{\"series\":[{Window(new string('x', count))}]}}",
                "pad" => $"{{\"series\":[],\"pad\":\"{new string('x', count)}\"}}",
                "trickle" => $"{{\"series\":[{Window("a")}]}}",
                "huge" => $"{{\"series\":[{{\"id\":\"huge\",\"start\":\"{Start}\",\"values\":{Numbers(Cycle(count, 0, 1e19, 2e19))}}}]}}",
                "levels" => $"{{\"series\":[{Window("a")}],\"levels\":[{string.Join(",", Enumerable.Repeat("80", count))}]}}",
                "query" or "headers" => string.Empty,
                _ => throw new InvalidOperationException($"Unknown generator '{generate}' in case '{hostile.Name}'."),
            };
        }

        var hours = Requests.Hours(Requests.Start, 24);
        var values = Requests.Wave(24);
        return new StringBuilder(hostile.Body ?? string.Empty)
            .Replace("{{ts}}", Strings(hours))
            .Replace("{{vals}}", Numbers(values))
            .Replace("{{vals_nan}}", Numbers(values, 5, "\"NaN\""))
            .Replace("{{vals_neginf}}", Numbers(values, 5, "\"-Infinity\""))
            .Replace("{{vals_1e400}}", Numbers(values, 5, "1e400"))
            .Replace("{{vals_1e308}}", Numbers(values, 5, "1e308"))
            .Replace("{{vals_fmax}}", Numbers(values, 5, float.MaxValue.ToString("R", CultureInfo.InvariantCulture)))
            .Replace("{{vals_3e18}}", Numbers(values, 23, "-3e18"))
            .Replace("{{vals_e19}}", Numbers(Cycle(24, 0, 1e19, 2e19)))
            .Replace("{{days56}}", Strings([.. Enumerable.Range(0, 56).Select(d => Requests.Start.AddDays(d).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))]))
            .Replace("{{vals56}}", Numbers(Requests.Wave(56, level: 5)))
            .Replace("{{vals56_e19}}", Numbers(Cycle(56, 0, 1e19, 2e19)))
            .Replace("{{vals56_e18}}", Numbers(Cycle(56, 0, 1e18, 2e18)))
            .Replace("{{ts_dup}}", Strings(Changed(hours, 4, hours[3])))
            .Replace("{{ts_unsorted}}", Strings(Changed(hours, 4, hours[2])))
            .Replace("{{ts_gap}}", Strings([.. hours[..10], .. Requests.Hours(Requests.Start.AddHours(11), 14)]))
            .Replace("{{ts_zoned}}", Strings(Zoned()))
            .Replace("{{ts_half}}", Strings([.. Enumerable.Range(0, 24).Select(i => Requests.Start.AddMinutes(30 * i).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))]))
            .Replace("{{ts_word}}", Strings(Changed(hours, 3, "yesterday")))
            .ToString();
    }

    /// <summary>A valid one-window series, as clients send it.</summary>
    public static string Window(string id) =>
        $"{{\"id\":{JsonSerializer.Serialize(id)},\"timestamps\":{Strings(Requests.Hours(Requests.Start, 24))},\"values\":{Numbers(Requests.Wave(24))}}}";

    /// <summary>The path a case requests: with <c>query:N</c>, its path plus a query of N bytes in all.</summary>
    public static string PathOf(HostileCase hostile)
    {
        ArgumentNullException.ThrowIfNull(hostile);
        return hostile.Generate is { } generate && Split(generate) is ("query", var length)
            ? hostile.Path + "?q=" + new string('a', length - hostile.Path.Length - 3)
            : hostile.Path;
    }

    /// <summary>The extra headers a case sends: with <c>headers:N</c>, N of them.</summary>
    public static IEnumerable<(string Name, string Value)> HeadersOf(HostileCase hostile)
    {
        ArgumentNullException.ThrowIfNull(hostile);
        return hostile.Generate is { } generate && Split(generate) is ("headers", var count)
            ? Enumerable.Range(0, count).Select(i => ($"X-Hostile-{i}", "v"))
            : [];
    }

    private static double[] Cycle(int count, params double[] pattern) => [.. Enumerable.Range(0, count).Select(i => pattern[i % pattern.Length])];

    private static (string Kind, int Count) Split(string generate)
    {
        var parts = generate.Split(':');
        return (parts[0], parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 0);
    }

    // A wall clock that moves on by the hour while its offset jumps from +01:00 to +02:00 halfway: the instants repeat.
    private static string[] Zoned() =>
        [.. Enumerable.Range(0, 24).Select(i => new DateTime(2026, 3, 2, 0, 0, 0, DateTimeKind.Unspecified).AddHours(i).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + (i < 12 ? "+01:00" : "+02:00"))];

    private static string[] Changed(string[] items, int index, string value)
    {
        var copy = (string[])items.Clone();
        copy[index] = value;
        return copy;
    }

    private static string Strings(IEnumerable<string> items) => "[" + string.Join(",", items.Select(i => JsonSerializer.Serialize(i))) + "]";

    private static string Numbers(double[] values, int index = -1, string? replacement = null) =>
        "[" + string.Join(",", values.Select((v, i) => i == index ? replacement : v.ToString("R", CultureInfo.InvariantCulture))) + "]";
}
