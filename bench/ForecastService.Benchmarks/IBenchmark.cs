namespace ForecastService.Benchmarks;

/// <summary>A benchmark subcommand of the console runner.</summary>
internal interface IBenchmark
{
    /// <summary>The subcommand, e.g. "onnx-lstm".</summary>
    string Name { get; }

    /// <summary>One line for the usage text.</summary>
    string Description { get; }

    /// <summary>Runs the benchmark with the arguments after the subcommand; returns the exit code.</summary>
    Task<int> RunAsync(string[] args);
}
