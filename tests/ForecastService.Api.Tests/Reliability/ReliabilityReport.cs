using Xunit.Abstractions;

namespace ForecastService.Api.Tests.Reliability;

/// <summary>
/// The figures the reliability suite promises to print: each test writes its lines to the test output and to
/// artifacts/reliability/&lt;section&gt;.txt, which eng/test.sh prints after the run.
/// </summary>
public static class ReliabilityReport
{
    public static string Directory => Path.Combine((RepositoryPaths.TryRoot() ?? Path.GetTempPath()), "artifacts", "reliability");

    public static void Write(ITestOutputHelper output, string section, IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (var line in lines)
        {
            output.WriteLine(line);
        }

        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllLines(Path.Combine(Directory, section + ".txt"), [$"== {section} ==", .. lines]);
    }
}
