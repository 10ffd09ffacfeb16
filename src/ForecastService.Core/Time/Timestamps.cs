using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ForecastService.Core.Time;

/// <summary>Strict ISO-8601 timestamp parsing shared by the trainer's CSV reader and the API.</summary>
/// <remarks>
/// Parsed by hand: a request carries hundreds of timestamps and <see cref="DateTimeOffset.TryParseExact(string?, string?[], IFormatProvider?, DateTimeStyles, out DateTimeOffset)"/>
/// over a list of formats cost about 5 µs each, more than the model run of the whole window.
/// </remarks>
public static class Timestamps
{
    private const int MaxLength = 40;
    private const int MaxOffsetMinutes = 14 * 60;

    /// <summary>
    /// Parses an ISO-8601 date (<c>2026-03-01</c>) or date-time (<c>2026-03-01T00:30</c>, with optional <c>:ss</c> and
    /// 1–7 fraction digits), with an optional offset (<c>Z</c>, <c>+01:00</c> or <c>+0100</c>). Text without an offset is
    /// taken as UTC (the data sets here carry none). Nothing else: no spaces, no lower-case <c>t</c>/<c>z</c>.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out DateTimeOffset timestamp)
    {
        timestamp = default;
        return !string.IsNullOrEmpty(text) && text.Length <= MaxLength && TryParse(text.AsSpan(), out timestamp);
    }

    private static bool TryParse(ReadOnlySpan<char> s, out DateTimeOffset timestamp)
    {
        timestamp = default;
        if (s.Length < 10 || !Digits(s, 0, 4, out var year) || s[4] != '-' || !Digits(s, 5, 2, out var month) || s[7] != '-' || !Digits(s, 8, 2, out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        int hour = 0, minute = 0, second = 0, pos = 10;
        long ticks = 0;
        var offsetMinutes = 0;
        if (s.Length > 10)
        {
            if (s.Length < 16 || s[10] != 'T' || !Digits(s, 11, 2, out hour) || s[13] != ':' || !Digits(s, 14, 2, out minute) || hour > 23 || minute > 59)
            {
                return false;
            }

            pos = 16;
            if (pos < s.Length && s[pos] == ':')
            {
                if (!Digits(s, pos + 1, 2, out second) || second > 59)
                {
                    return false;
                }

                pos += 3;
                if (pos < s.Length && s[pos] == '.')
                {
                    var digits = 0;
                    pos++;
                    while (pos < s.Length && char.IsAsciiDigit(s[pos]) && digits < 7)
                    {
                        ticks = (ticks * 10) + (s[pos] - '0');
                        digits++;
                        pos++;
                    }

                    if (digits == 0)
                    {
                        return false;
                    }

                    for (var d = digits; d < 7; d++)
                    {
                        ticks *= 10;
                    }
                }
            }

            if (pos < s.Length && !TryOffset(s[pos..], out offsetMinutes))
            {
                return false;
            }
        }

        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(ticks);
        var utcTicks = local.Ticks - (offsetMinutes * TimeSpan.TicksPerMinute);
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        timestamp = new DateTimeOffset(local, TimeSpan.FromMinutes(offsetMinutes));
        return true;
    }

    /// <summary><c>Z</c>, <c>±HH:mm</c> or <c>±HHmm</c>, at most 14 hours.</summary>
    private static bool TryOffset(ReadOnlySpan<char> s, out int minutes)
    {
        minutes = 0;
        if (s is ['Z'])
        {
            return true;
        }

        if (s.Length is not (5 or 6) || s[0] is not ('+' or '-') || !Digits(s, 1, 2, out var hours))
        {
            return false;
        }

        var minuteAt = s.Length == 6 ? 4 : 3;
        if ((s.Length == 6 && s[3] != ':') || !Digits(s, minuteAt, 2, out var mins) || mins > 59)
        {
            return false;
        }

        minutes = (hours * 60) + mins;
        if (minutes > MaxOffsetMinutes)
        {
            return false;
        }

        minutes = s[0] == '-' ? -minutes : minutes;
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        if (start + count > s.Length)
        {
            return false;
        }

        for (var i = start; i < start + count; i++)
        {
            var c = s[i];
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    public static DateTimeOffset Parse(string text) =>
        TryParse(text, out var timestamp) ? timestamp : throw new FormatException($"'{text}' is not an ISO-8601 timestamp (e.g. 2026-03-01T00:00:00Z).");

    /// <summary>Formats a timestamp as ISO-8601 with its offset (<c>Z</c> for UTC), the form the API answers with.</summary>
    public static string Format(DateTimeOffset timestamp) =>
        timestamp.Offset == TimeSpan.Zero
            ? string.Create(20, timestamp.UtcDateTime, static (chars, utc) =>
            {
                // "s" is the fast-pathed sortable pattern yyyy-MM-ddTHH:mm:ss; a custom pattern costs several times more.
                utc.TryFormat(chars, out _, "s", CultureInfo.InvariantCulture);
                chars[19] = 'Z';
            })
            : timestamp.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
