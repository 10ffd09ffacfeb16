using ForecastService.Benchmarks;
using ForecastService.Benchmarks.OnnxLstm;
using ForecastService.Benchmarks.Serving;
using ForecastService.Benchmarks.Sizes;
using ForecastService.Benchmarks.Streaming;
using ForecastService.Benchmarks.Training;

// One subcommand per benchmark; add yours to this list.
IBenchmark[] benchmarks =
[
    new OnnxLstmBenchmark(),
    new ServingBenchmark(),
    new PublishSizesBenchmark(),
    new StreamingBenchmark(),
    new TrainingBenchmark(),
];

var name = args.FirstOrDefault();
var benchmark = benchmarks.FirstOrDefault(b => b.Name == name);
if (benchmark is null)
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/ForecastService.Benchmarks -- <command> [options]");
    foreach (var b in benchmarks)
    {
        Console.Error.WriteLine($"  {b.Name,-12} {b.Description}");
    }

    return name is null or "--help" or "-h" ? 0 : 2;
}

return await benchmark.RunAsync(args[1..]);
