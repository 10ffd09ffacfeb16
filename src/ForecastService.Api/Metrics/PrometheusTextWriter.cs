using System.Globalization;
using System.Text;

namespace ForecastService.Api.Metrics;

/// <summary>Writes the Prometheus text exposition format 0.0.4 (prometheus-net is not available here).</summary>
internal sealed class PrometheusTextWriter
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";
    private readonly StringBuilder _text = new();

    public void Header(string name, string type, string help)
    {
        _text.Append("# HELP ").Append(name).Append(' ').Append(help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)).Append('\n');
        _text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
    }

    public void Sample(string name, IReadOnlyList<(string Name, string Value)> labels, double value)
    {
        _text.Append(name);
        if (labels.Count > 0)
        {
            _text.Append('{');
            for (var i = 0; i < labels.Count; i++)
            {
                if (i > 0)
                {
                    _text.Append(',');
                }

                _text.Append(labels[i].Name).Append("=\"").Append(Escape(labels[i].Value)).Append('"');
            }

            _text.Append('}');
        }

        _text.Append(' ').Append(Format(value)).Append('\n');
    }

    public void Histogram(string name, IReadOnlyList<(string Name, string Value)> labels, Histogram histogram)
    {
        var (cumulative, sum, count) = histogram.Read();
        for (var i = 0; i < cumulative.Length; i++)
        {
            var le = i < histogram.UpperBounds.Count ? Format(histogram.UpperBounds[i]) : "+Inf";
            Sample(name + "_bucket", [.. labels, ("le", le)], cumulative[i]);
        }

        Sample(name + "_sum", labels, sum);
        Sample(name + "_count", labels, count);
    }

    public override string ToString() => _text.ToString();

    private static string Format(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf" : double.IsNegativeInfinity(value) ? "-Inf" : double.IsNaN(value) ? "NaN" : value.ToString("R", CultureInfo.InvariantCulture);

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
