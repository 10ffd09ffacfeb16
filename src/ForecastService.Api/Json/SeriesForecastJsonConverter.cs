using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ForecastService.Core.Forecasting;

namespace ForecastService.Api.Json;

/// <summary>
/// Writes a <see cref="SeriesForecast"/> with each quantile column formatted once. The median and every interval
/// bound are the same memory as quantile columns (see <see cref="ForecastShaper"/>), and the default serializer
/// formatted each of them again: with 7 quantiles and 3 intervals, 14 columns for 7 distinct ones. A profile put
/// float formatting at 14% of the service's CPU, so the repeated columns are copied as UTF-8 bytes instead.
/// </summary>
/// <remarks>
/// The output is byte for byte what the source-generated serializer writes (same property names and order, the
/// shortest round-trip form of each float, non-finite values as named literals in quotes), except that array
/// values are written raw, so <see cref="JsonSerializerOptions.WriteIndented"/> does not indent inside them.
/// Responses only: reading is not supported.
/// </remarks>
internal sealed class SeriesForecastJsonConverter : JsonConverter<SeriesForecast>
{
    // The longest float is "-1.17549435E-38" (15 bytes) or "\"-Infinity\"" (11); one more for the comma.
    private const int MaxBytesPerValue = 16;

    public override SeriesForecast Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException($"{nameof(SeriesForecast)} is written in responses only, never read.");

    public override void Write(Utf8JsonWriter writer, SeriesForecast value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        var columns = new FormattedColumns(value.Quantiles.Values);
        try
        {
            writer.WriteStartObject();
            if (value.Id is not null)
            {
                writer.WriteString("id", value.Id);
            }

            writer.WriteStartArray("timestamps");
            foreach (var timestamp in value.Timestamps)
            {
                writer.WriteStringValue(timestamp);
            }

            writer.WriteEndArray();
            writer.WritePropertyName("median");
            columns.Write(writer, value.Median);
            writer.WriteStartObject("quantiles");
            foreach (var (key, column) in value.Quantiles)
            {
                writer.WritePropertyName(key);
                columns.Write(writer, column);
            }

            writer.WriteEndObject();
            writer.WriteStartArray("intervals");
            foreach (var interval in value.Intervals)
            {
                writer.WriteStartObject();
                writer.WriteNumber("level", interval.Level);
                writer.WritePropertyName("lower");
                columns.Write(writer, interval.Lower);
                writer.WritePropertyName("upper");
                columns.Write(writer, interval.Upper);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        finally
        {
            columns.Dispose();
        }
    }

    /// <summary>Each quantile column formatted once as a JSON array in one pooled buffer; must be disposed.</summary>
    private readonly struct FormattedColumns : IDisposable
    {
        private readonly byte[] _buffer;
        private readonly (ReadOnlyMemory<float> Column, int Start, int Length)[] _formatted;

        public FormattedColumns(IEnumerable<ReadOnlyMemory<float>> columns)
        {
            // ReadOnlyMemory's equality is identity: the same array, start and length.
            ReadOnlyMemory<float>[] distinct = [.. columns.Distinct()];
            _buffer = ArrayPool<byte>.Shared.Rent(distinct.Sum(c => 2 + (c.Length * MaxBytesPerValue)));
            _formatted = new (ReadOnlyMemory<float>, int, int)[distinct.Length];
            var start = 0;
            for (var i = 0; i < distinct.Length; i++)
            {
                var length = Format(distinct[i], _buffer.AsSpan(start));
                _formatted[i] = (distinct[i], start, length);
                start += length;
            }
        }

        /// <summary>Writes the column from the buffer when it is a quantile column, else formats it now.</summary>
        public void Write(Utf8JsonWriter writer, ReadOnlyMemory<float> column)
        {
            foreach (var (formatted, start, length) in _formatted)
            {
                if (formatted.Equals(column))
                {
                    writer.WriteRawValue(_buffer.AsSpan(start, length), skipInputValidation: true);
                    return;
                }
            }

            var rented = ArrayPool<byte>.Shared.Rent(2 + (column.Length * MaxBytesPerValue));
            try
            {
                writer.WriteRawValue(rented.AsSpan(0, Format(column, rented)), skipInputValidation: true);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);

        private static int Format(ReadOnlyMemory<float> column, Span<byte> destination)
        {
            destination[0] = (byte)'[';
            var at = 1;
            var values = column.Span;
            for (var i = 0; i < values.Length; i++)
            {
                if (i > 0)
                {
                    destination[at++] = (byte)',';
                }

                // Finite values as Utf8JsonWriter.WriteNumberValue(float) writes them (shortest round-trip); NaN and
                // infinities as the named literals AllowNamedFloatingPointLiterals writes, which are JSON strings.
                var value = values[i];
                var quoted = !float.IsFinite(value);
                if (quoted)
                {
                    destination[at++] = (byte)'"';
                }

                if (!value.TryFormat(destination[at..], out var written, default, CultureInfo.InvariantCulture))
                {
                    throw new InvalidOperationException($"A float did not fit in {MaxBytesPerValue} bytes.");
                }

                at += written;
                if (quoted)
                {
                    destination[at++] = (byte)'"';
                }
            }

            destination[at++] = (byte)']';
            return at;
        }
    }
}
