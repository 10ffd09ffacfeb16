using System.Text.RegularExpressions;

namespace ForecastService.EndToEndTests.Infrastructure;

/// <summary>The .dockerignore rules (Go filepath.Match patterns plus <c>**</c>, later <c>!</c> lines re-include).</summary>
internal sealed class DockerIgnore
{
    private readonly List<(Regex Pattern, bool Exclude)> _rules = [];

    public DockerIgnore(string path)
    {
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var exclude = !line.StartsWith('!');
            var pattern = line.TrimStart('!').Trim('/');
            var regex = "^" + Regex.Escape(pattern)
                .Replace(@"\*\*/", "(.*/)?", StringComparison.Ordinal)
                .Replace(@"\*\*", ".*", StringComparison.Ordinal)
                .Replace(@"\*", "[^/]*", StringComparison.Ordinal)
                .Replace(@"\?", "[^/]", StringComparison.Ordinal) + "$";
            _rules.Add((new Regex(regex, RegexOptions.CultureInvariant), exclude));
        }
    }

    /// <summary>Whether a context path (relative, '/'-separated) is left out of the build context.</summary>
    public bool Excludes(string relativePath)
    {
        var path = relativePath.Trim('/');
        var excluded = false;
        foreach (var (pattern, exclude) in _rules)
        {
            // A rule that matches a parent directory applies to everything under it.
            var segments = path.Split('/');
            for (var i = 1; i <= segments.Length; i++)
            {
                if (pattern.IsMatch(string.Join('/', segments[..i])))
                {
                    excluded = exclude;
                    break;
                }
            }
        }

        return excluded;
    }
}
