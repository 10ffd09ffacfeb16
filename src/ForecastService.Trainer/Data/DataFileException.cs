namespace ForecastService.Trainer.Data;

/// <summary>A training data file cannot be used; the message names the file, the line (when there is one) and the problem.</summary>
public sealed class DataFileException : Exception
{
    public DataFileException(string file, int? line, string problem)
        : base(line is null ? $"{file}: {problem}" : $"{file}, line {line}: {problem}")
    {
        File = file;
        Line = line;
        Problem = problem;
    }

    public DataFileException()
    {
        File = string.Empty;
        Problem = string.Empty;
    }

    public DataFileException(string message)
        : base(message)
    {
        File = string.Empty;
        Problem = message;
    }

    public DataFileException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = string.Empty;
        Problem = message;
    }

    public string File { get; }

    /// <summary>1-based line number, or null for problems with the file as a whole.</summary>
    public int? Line { get; }

    public string Problem { get; }
}
