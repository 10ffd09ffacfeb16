using System.Text.RegularExpressions;

namespace ForecastService.EndToEndTests.Infrastructure;

/// <summary>A Dockerfile read into instructions (continuation lines joined, comments dropped), enough for static checks.</summary>
internal sealed partial class Dockerfile
{
    private Dockerfile(string path, IReadOnlyList<DockerInstruction> instructions)
    {
        Path = path;
        Instructions = instructions;
    }

    public string Path { get; }

    public IReadOnlyList<DockerInstruction> Instructions { get; }

    /// <summary>Gets the instructions of the last stage (the image that `docker build` produces).</summary>
    public IReadOnlyList<DockerInstruction> FinalStage
    {
        get
        {
            var lastFrom = Instructions.Select((instruction, index) => (instruction, index)).Last(x => x.instruction.Keyword == "FROM").index;
            return [.. Instructions.Skip(lastFrom)];
        }
    }

    public static Dockerfile Load(string path)
    {
        var instructions = new List<DockerInstruction>();
        var pending = string.Empty;
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (pending.Length == 0 && (line.Length == 0 || line.StartsWith('#')))
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                continue; // Comment lines inside a continued instruction are skipped by Docker too.
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }

            var full = (pending + line).Trim();
            pending = string.Empty;
            var space = full.IndexOf(' ', StringComparison.Ordinal);
            instructions.Add(new DockerInstruction(full[..space].ToUpperInvariant(), full[(space + 1)..].Trim()));
        }

        return new Dockerfile(path, instructions);
    }

    /// <summary>Gets the variables ENV sets in the final stage (both `ENV a=b c=d` and `ENV a b`).</summary>
    public IReadOnlyDictionary<string, string> FinalEnvironment()
    {
        var result = new Dictionary<string, string>();
        foreach (var env in FinalStage.Where(i => i.Keyword == "ENV"))
        {
            if (!env.Arguments.Contains('=', StringComparison.Ordinal))
            {
                var parts = env.Arguments.Split(' ', 2);
                result[parts[0]] = parts.Length > 1 ? parts[1] : string.Empty;
                continue;
            }

            foreach (Match m in EnvPair().Matches(env.Arguments))
            {
                result[m.Groups[1].Value] = m.Groups[2].Value.Trim('"');
            }
        }

        return result;
    }

    /// <summary>Gets the sources of every COPY/ADD that reads the build context (not another stage or image).</summary>
    public IEnumerable<(DockerInstruction Instruction, IReadOnlyList<string> Sources, string Destination)> ContextCopies()
    {
        foreach (var instruction in Instructions.Where(i => i.Keyword is "COPY" or "ADD"))
        {
            var tokens = instruction.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Any(t => t.StartsWith("--from=", StringComparison.Ordinal)))
            {
                continue;
            }

            var paths = tokens.Where(t => !t.StartsWith("--", StringComparison.Ordinal)).ToList();
            yield return (instruction, paths[..^1], paths[^1]);
        }
    }

    [GeneratedRegex("""([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S*)""")]
    private static partial Regex EnvPair();
}

/// <summary>One Dockerfile instruction: its keyword (upper case) and the rest of the line.</summary>
internal sealed record DockerInstruction(string Keyword, string Arguments);
