using System.Globalization;
using System.Text;

namespace ForecastService.Trainer.Tests.Commands;

/// <summary>
/// Trains one tiny model on a synthetic weekly-seasonal CSV, shared by the end-to-end tests. Three epochs do not beat
/// seasonal naive on a clean sine, so the guardrail is told to write it anyway: these tests are about the files.
/// </summary>
public sealed class TrainedModelFixture : IDisposable
{
    public const int Length = 240;
    public const int Lookback = 14;
    public const int Horizon = 7;

    private readonly TempDirectory _temp = new();

    public TrainedModelFixture()
    {
        var random = new Random(7);
        var csv = new StringBuilder("series_id,timestamp,value\n");
        var start = new DateTime(2021, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        Values = new double[2][];
        for (var s = 0; s < 2; s++)
        {
            Values[s] = new double[Length];
            for (var t = 0; t < Length; t++)
            {
                var value = Math.Round((100 * (s + 1)) + (10 * Math.Sin(2 * Math.PI * t / 7)) + (random.NextDouble() * 2), 3);
                Values[s][t] = value;
                csv.Append(CultureInfo.InvariantCulture, $"s{s},{start.AddDays(t):yyyy-MM-dd},{value}\n");
            }
        }

        CsvPath = _temp.Write("synthetic.csv", csv.ToString());
        Models = Path.Combine(_temp.Path, "models");
        Result = CommandRunner.Run(
            "train", "--name", "tiny", "--domain", "sensor", "--description", "tiny end-to-end model",
            "--data", CsvPath, "--source", "synthetic weekly sine",
            "--lookback", $"{Lookback}", "--horizon", $"{Horizon}", "--hidden", "8", "--epochs", "3", "--batch-size", "32",
            "--eval-stride", "7", "--seed", "3", "--threads", "1", "--output", Models, "--quiet",
            "--allow-worse-than-baseline");
        Folder = Path.Combine(Models, "tiny", "1");
    }

    public double[][] Values { get; }

    public string CsvPath { get; }

    public string Models { get; }

    public string Folder { get; }

    public (int ExitCode, string Output, string Error) Result { get; }

    public void Dispose() => _temp.Dispose();
}
