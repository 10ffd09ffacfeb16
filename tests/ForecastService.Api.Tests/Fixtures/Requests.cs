using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ForecastService.Api.Tests.Fixtures;

/// <summary>Request bodies written as JSON text, the way a client sends them (not through the server's own types).</summary>
public static class Requests
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A wavy hourly series: 100 + 10 sin(t / 3) + t / 10.</summary>
    public static double[] Wave(int count, double level = 100) =>
        [.. Enumerable.Range(0, count).Select(t => Math.Round(level + (10 * Math.Sin(t / 3.0)) + (t / 10.0), 3))];

    /// <summary>Hourly UTC timestamps written with Z, the form the API answers with.</summary>
    public static string[] Hours(DateTimeOffset start, int count) =>
        [.. Enumerable.Range(0, count).Select(i => start.AddHours(i).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))];

    public static JsonObject Series(string id, double[] values, string[]? timestamps = null) => new()
    {
        ["id"] = id,
        ["timestamps"] = new JsonArray([.. (timestamps ?? Hours(Start, values.Length)).Select(t => (JsonNode?)JsonValue.Create(t))]),
        ["values"] = new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]),
    };

    public static JsonObject Body(params JsonObject[] series) => new() { ["series"] = new JsonArray([.. series]) };

    public static StringContent Json(JsonNode body) => Json(body.ToJsonString());

    public static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");
}
