using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ForecastService.Core.Time;

/// <summary>Strict ISO-8601 timestamp parsing shared by the trainer's CSV reader and the API.</summary>
public static class Timestamps
{
    // Date, date-time with optional seconds and fraction, with or without an offset or Z. Nothing else.
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-dd'T'HH:mm",
        "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    /// <summary>
    /// Parses an ISO-8601 date or date-time. Text without an offset is taken as UTC (the data sets here carry none).
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out DateTimeOffset timestamp)
    {
        timestamp = default;
        if (string.IsNullOrEmpty(text) || text.Length > 40)
        {
            return false;
        }

        return DateTimeOffset.TryParseExact(
            text,
            Formats,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal,
            out timestamp);
    }

    public static DateTimeOffset Parse(string text) =>
        TryParse(text, out var timestamp) ? timestamp : throw new FormatException($"'{text}' is not an ISO-8601 timestamp (e.g. 2026-03-01T00:00:00Z).");

    /// <summary>Formats a timestamp as ISO-8601 with its offset (<c>Z</c> for UTC), the form the API answers with.</summary>
    public static string Format(DateTimeOffset timestamp) =>
        timestamp.Offset == TimeSpan.Zero
            ? timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : timestamp.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
