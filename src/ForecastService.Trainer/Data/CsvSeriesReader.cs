using System.Globalization;
using ForecastService.Core.Time;

namespace ForecastService.Trainer.Data;

/// <summary>
/// Reads <c>timestamp,value</c> or long-format <c>series_id,timestamp,value</c> files. Rows of one series must be in
/// ascending time order; rows of different series may interleave. Every problem is a <see cref="DataFileException"/>
/// naming the file and line.
/// </summary>
internal static class CsvSeriesReader
{
    private const string SingleHeader = "timestamp,value";
    private const string LongHeader = "series_id,timestamp,value";

    public static IReadOnlyList<RawSeries> Read(string path, string displayName)
    {
        if (!File.Exists(path))
        {
            throw new DataFileException(displayName, null, "file not found");
        }

        var series = new Dictionary<string, RawSeries>(StringComparer.Ordinal);
        var order = new List<RawSeries>();
        var defaultId = Path.GetFileNameWithoutExtension(path);
        var lineNumber = 0;
        bool? longFormat = null;
        foreach (var rawLine in File.ReadLines(path))
        {
            lineNumber++;
            var line = rawLine.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (longFormat is null)
            {
                longFormat = ReadHeader(line, displayName, lineNumber);
                continue;
            }

            var fields = line.Split(',');
            var expected = longFormat.Value ? 3 : 2;
            if (fields.Length != expected)
            {
                throw new DataFileException(displayName, lineNumber, $"expected {expected} columns ({(longFormat.Value ? LongHeader : SingleHeader)}), found {fields.Length}");
            }

            var id = longFormat.Value ? fields[0].Trim() : defaultId;
            if (id.Length == 0)
            {
                throw new DataFileException(displayName, lineNumber, "empty series_id");
            }

            var timestampText = fields[^2].Trim();
            if (!Timestamps.TryParse(timestampText, out var timestamp))
            {
                throw new DataFileException(displayName, lineNumber, $"timestamp '{timestampText}' is not ISO-8601 (e.g. 2026-03-01 or 2026-03-01T00:30:00Z)");
            }

            var value = ParseValue(fields[^1].Trim(), displayName, lineNumber);
            if (!series.TryGetValue(id, out var target))
            {
                target = new RawSeries(id, displayName);
                series.Add(id, target);
                order.Add(target);
            }

            Append(target, timestamp, value, displayName, lineNumber);
        }

        if (longFormat is null)
        {
            throw new DataFileException(displayName, null, $"the file is empty (expected a header '{SingleHeader}' or '{LongHeader}')");
        }

        if (order.Count == 0)
        {
            throw new DataFileException(displayName, null, "the file has a header but no rows");
        }

        return order;
    }

    private static bool ReadHeader(string line, string file, int lineNumber)
    {
        var header = line.Replace(" ", string.Empty, StringComparison.Ordinal).TrimStart('\uFEFF');
        if (header.Equals(SingleHeader, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (header.Equals(LongHeader, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        throw new DataFileException(file, lineNumber, $"the header must be '{SingleHeader}' or '{LongHeader}', found '{line}'");
    }

    private static double ParseValue(string text, string file, int lineNumber)
    {
        if (text.Length == 0)
        {
            throw new DataFileException(file, lineNumber, "empty value");
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new DataFileException(file, lineNumber, $"value '{text}' is not a number");
        }

        if (!double.IsFinite(value))
        {
            throw new DataFileException(file, lineNumber, $"value '{text}' is not a finite number (NaN and infinities are not allowed; fill or drop the row)");
        }

        return value;
    }

    private static void Append(RawSeries series, DateTimeOffset timestamp, double value, string file, int lineNumber)
    {
        if (series.Timestamps.Count > 0)
        {
            var previous = series.Timestamps[^1];
            var previousLine = series.Lines[^1];
            if (timestamp == previous)
            {
                throw new DataFileException(file, lineNumber, $"duplicate timestamp {Timestamps.Format(timestamp)} in series '{series.Id}' (also on line {previousLine})");
            }

            if (timestamp < previous)
            {
                throw new DataFileException(file, lineNumber, $"rows are not sorted: {Timestamps.Format(timestamp)} in series '{series.Id}' comes after {Timestamps.Format(previous)} on line {previousLine}");
            }
        }

        series.Timestamps.Add(timestamp);
        series.Values.Add(value);
        series.Lines.Add(lineNumber);
    }
}
