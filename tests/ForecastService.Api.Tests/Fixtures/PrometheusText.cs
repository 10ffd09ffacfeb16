using System.Globalization;
using System.Text;

namespace ForecastService.Api.Tests.Fixtures;

/// <summary>
/// A strict reader of the Prometheus text exposition format (0.0.4): <c># HELP</c>/<c># TYPE</c> lines and samples
/// <c>name{label="value",…} value</c>, with escaped label values. Anything else is a parse failure, so a test that
/// reads /metrics through it also checks the format.
/// </summary>
public sealed class PrometheusText
{
    private static readonly string[] HistogramSuffixes = ["_bucket", "_sum", "_count"];

    private PrometheusText(IReadOnlyList<Sample> samples, IReadOnlyDictionary<string, string> types)
    {
        Samples = samples;
        Types = types;
    }

    public IReadOnlyList<Sample> Samples { get; }

    /// <summary>Metric family name to its declared type (counter, gauge, histogram, …).</summary>
    public IReadOnlyDictionary<string, string> Types { get; }

    /// <summary>Every sample and family name: the names a dashboard query can use.</summary>
    public IReadOnlySet<string> Names => Samples.Select(s => s.Name).Concat(Types.Keys).ToHashSet(StringComparer.Ordinal);

    public static PrometheusText Parse(string text)
    {
        var samples = new List<Sample>();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            try
            {
                if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
                {
                    var parts = line[7..].Split(' ');
                    if (parts.Length != 2 || !IsName(parts[0]) || parts[1] is not ("counter" or "gauge" or "histogram" or "summary" or "untyped"))
                    {
                        throw new FormatException("bad TYPE line");
                    }

                    if (!types.TryAdd(parts[0], parts[1]))
                    {
                        throw new FormatException($"second TYPE for {parts[0]}");
                    }
                }
                else if (line.StartsWith('#'))
                {
                    continue;
                }
                else
                {
                    var sample = ParseSample(line);
                    if (FamilyOf(sample.Name, types) is null)
                    {
                        throw new FormatException($"sample {sample.Name} before its TYPE line");
                    }

                    samples.Add(sample);
                }
            }
            catch (FormatException ex)
            {
                throw new FormatException($"/metrics line {lineNumber} is not Prometheus text ({ex.Message}): {line}", ex);
            }
        }

        return new PrometheusText(samples, types);
    }

    /// <summary>The value of the one sample named <paramref name="name"/> whose labels are exactly <paramref name="labels"/>.</summary>
    public double Value(string name, params (string Name, string Value)[] labels)
    {
        var matches = Samples.Where(s => s.Name == name && s.Labels.Count == labels.Length && labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value)).ToList();
        Assert.True(matches.Count == 1, $"{matches.Count} samples {name}{{{string.Join(",", labels.Select(l => $"{l.Name}=\"{l.Value}\""))}}} among:\n{string.Join("\n", Samples.Where(s => s.Name == name))}");
        return matches[0].Value;
    }

    /// <summary>The value of that sample, or 0 when the series does not exist yet (a counter nobody has moved).</summary>
    public double ValueOrZero(string name, params (string Name, string Value)[] labels) =>
        Samples.Any(s => s.Name == name && s.Labels.Count == labels.Length && labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value)) ? Value(name, labels) : 0;

    private static string? FamilyOf(string sampleName, Dictionary<string, string> types)
    {
        if (types.ContainsKey(sampleName))
        {
            return sampleName;
        }

        foreach (var suffix in HistogramSuffixes)
        {
            if (sampleName.EndsWith(suffix, StringComparison.Ordinal) && types.TryGetValue(sampleName[..^suffix.Length], out var type) && type is "histogram" or "summary")
            {
                return sampleName[..^suffix.Length];
            }
        }

        return null;
    }

    private static Sample ParseSample(string line)
    {
        var i = 0;
        while (i < line.Length && line[i] is not ('{' or ' '))
        {
            i++;
        }

        var name = line[..i];
        if (!IsName(name))
        {
            throw new FormatException($"bad metric name '{name}'");
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (line[i] != '}')
            {
                var equals = line.IndexOf('=', i);
                var label = line[i..equals];
                if (!IsName(label) || label.Contains(':', StringComparison.Ordinal) || line[equals + 1] != '"')
                {
                    throw new FormatException($"bad label '{label}'");
                }

                i = equals + 2;
                var value = new StringBuilder();
                while (line[i] != '"')
                {
                    if (line[i] == '\\')
                    {
                        i++;
                        value.Append(line[i] switch { 'n' => '\n', '\\' => '\\', '"' => '"', _ => throw new FormatException("bad escape") });
                    }
                    else
                    {
                        value.Append(line[i]);
                    }

                    i++;
                }

                if (!labels.TryAdd(label, value.ToString()))
                {
                    throw new FormatException($"label {label} twice");
                }

                i++;
                if (line[i] == ',')
                {
                    i++;
                }
                else if (line[i] != '}')
                {
                    throw new FormatException("expected , or }");
                }
            }

            i++;
        }

        if (i >= line.Length || line[i] != ' ')
        {
            throw new FormatException("no value");
        }

        var fields = line[(i + 1)..].Split(' ');
        if (fields.Length is < 1 or > 2 || (fields.Length == 2 && !long.TryParse(fields[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)))
        {
            throw new FormatException("expected a value and an optional timestamp");
        }

        var number = fields[0] switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            var f => double.Parse(f, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        return new Sample(name, labels, number);
    }

    private static bool IsName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] is '_' or ':') && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':');

    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
    {
        public override string ToString() => $"{Name}{{{string.Join(",", Labels.Select(l => $"{l.Key}=\"{l.Value}\""))}}} {Value.ToString(CultureInfo.InvariantCulture)}";
    }
}
